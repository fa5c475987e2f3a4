// Loaded on demand by the CLI bundle (dist/lazy/ical.js), only with --ics.
export { default } from 'ical-generator';
