export * from './schema';
export { StipendsFile } from './stipend-schema';
export { LeavesFile } from './leave-schema';
export { CalendarFile, ClosuresFile, DeadlinesFile } from './deadline-schema';
export { AdvancementFile } from './advance-schema';
export { CheckFile } from './check-schema';
export { BenefitsFile, RatesFile } from '../batch/benefits-schema';
export { ScenarioFile } from '../batch/scenario-schema';
