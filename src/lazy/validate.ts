// Loaded on demand by the CLI bundle (dist/lazy/validate.cjs): the validator with yaml and zod.
export * from '../rules/validate';
export * from '../rules/all-schemas';
export { CheckFile } from '../batch/check/schema';
export { ScenarioFile } from '../batch/scenario-schema';
