// The kinds of change a scenario file may make: apart from the zod schema (scenario-schema.ts), so the
// costing code (and the CLI's start-up bundle) can name them without loading zod.
export const KINDS = ['schedule-percent', 'cell-amount', 'add-step', 'stipend', 'work-days', 'one-time', 'health-cap'] as const;
