// One kind of error for each exit code; the CLI maps them in one place (src/cli/main.ts).

/** Bad input from the user: exit 2, one line on stderr, no stack trace. */
export class InputError extends Error {
  override name = 'InputError';
  readonly exitCode = 2;
}

/** Bad input naming the field it concerns. The message is a template: {field} stands for a field (an input's
 *  name, such as {daysServed}); the library shows the field's name, the CLI its flag (--days-served).
 *  Rules and parsers raise these; only the CLI knows flags. */
export class FieldError extends InputError {
  constructor(
    readonly field: string,
    readonly template: string,
  ) {
    super(fieldText(template, (f) => f));
  }
}

/** A field template with each {field} written by `name` (the CLI: its flag). */
export function fieldText(template: string, name: (field: string) => string): string {
  return template.replace(/\{([a-z][a-zA-Z0-9]*)\}/g, (_m, f: string) => name(f));
}

/** A rules file that is malformed or inconsistent: exit 2, names the file and path. */
export class RulesError extends Error {
  override name = 'RulesError';
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly file?: string,
    readonly path?: string,
  ) {
    super(file ? `${file}${path ? `: ${path}` : ''}: ${message}` : message);
  }
}

/** A check that ran and failed (over a leave limit, a failed case, an audit finding): exit 1. */
export class CheckFailed extends Error {
  override name = 'CheckFailed';
  readonly exitCode = 1;
}

/** By name and exit code rather than instanceof: the validator is a separate lazy bundle with its own copy of these classes. */
export function isUserError(e: unknown): e is InputError | RulesError | CheckFailed {
  return e instanceof Error && ['InputError', 'RulesError', 'CheckFailed'].includes(e.name) && typeof (e as { exitCode?: unknown }).exitCode === 'number';
}
