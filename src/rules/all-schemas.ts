export * from './schema';
export { StipendsFile } from './stipends/schema';
export { LeavesFile } from './leaves/schema';
export { CalendarFile, ClosuresFile, DeadlinesFile } from './deadlines/schema';
export { AdvancementFile } from './advancement/schema';
export { BenefitsFile, RatesFile } from './benefits/schema';
