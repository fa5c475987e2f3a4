// Loaded on demand by the CLI bundle (dist/lazy/check-yaml.cjs): cba check's reader of YAML check files.
export { fastYaml } from '../core/fast-yaml';
