// Loaded on demand by the CLI bundle (dist/lazy/ical.cjs), only with --ics.
export { default } from 'ical-generator';
