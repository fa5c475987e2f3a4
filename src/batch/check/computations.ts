// The commands a check case may run (shared by the case schema and the check command, without zod).
export const COMPUTATIONS = ['salary', 'schedule', 'stipend', 'sick-leave', 'deadline', 'step-advance', 'calendar', 'part-time-retirement', 'released-time'] as const;
export type Computation = (typeof COMPUTATIONS)[number];
