// The library: the pure rule functions and the rules loader, for payroll scripts.
export * from './core/money';
export * from './core/date';
export * from './core/errors';
export * from './rules/types';
export * from './rules/source';
export * from './rules/schedule';
export * from './rules/salary';
export { loadRules, loadAgreement, pickAgreement, defaultRulesRoot, writeRulesCache, fingerprint } from './rules/load';
export * as schemas from './rules/all-schemas';
export { PART_SCHEMAS } from './rules/parts';
