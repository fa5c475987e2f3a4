// A plain call (`cba salary --class IV --step 13`) parsed without commander: building a commander
// program, its options and its parse cost a start-up more than computing the answer. The command
// registers itself on a recorder (the few builder calls the command modules make: command,
// argument, option, requiredOption, action), and the words are read as commander reads them.
// Anything else is left to commander, which prints the help, the version and every error of the
// command line exactly as it always has: an unknown or repeated-group option (-qc), --opt=value,
// a value that looks like an option, --, a missing value, argument or required option, too many
// arguments, a builder call the recorder does not know. What commander would accept, this reads
// to the same values, in the same order, and runs the same action with them.

/** One option, as commander reads its flags (`-c, --class <class>`, `--json`, `--no-color`). */
interface Opt {
  short?: string;
  long: string;
  /** the key of the value (commander's attributeName) */
  key: string;
  /** takes a value (<x>) */
  value: boolean;
  /** <x...>: the words after it are its values too */
  variadic: boolean;
  negate: boolean;
  mandatory: boolean;
  parse?: (v: string, prev: unknown) => unknown;
  /** this word means help or version: commander answers it */
  commanders?: true;
}

type Action = (...args: unknown[]) => unknown;

const FLAGS = /^(?:(-[A-Za-z0-9]), )?(--[a-z0-9][a-z0-9-]*)(?: (<[^<>\[\] ]+>))?$/;

/** commander's camelcase of an option's name (--days-served -> daysServed, --no-color -> color). */
function keyOf(long: string): string {
  const name = long.slice(2).replace(/^no-/, '');
  return name.split('-').reduce((s, w) => s + w[0].toUpperCase() + w.slice(1));
}

class Unsupported extends Error {}

/** The builder calls of the command modules, recorded (the subset of commander's Command they use). */
export class Recorder {
  readonly subs: Recorder[] = [];
  readonly options: Opt[] = [];
  readonly args: { required: boolean; variadic: boolean }[] = [];
  readonly values: Record<string, unknown> = {};
  fn?: Action;

  constructor(
    readonly name: string,
    readonly parent?: Recorder,
  ) {}

  command(nameAndArgs: string): Recorder {
    const [name, ...args] = nameAndArgs.split(/ +/);
    const sub = new Recorder(name, this);
    for (const a of args) sub.argument(a);
    this.subs.push(sub);
    return sub;
  }

  argument(spec: string): this {
    const m = /^(<|\[)[A-Za-z0-9_-]+(\.\.\.)?(>|\])$/.exec(spec);
    if (!m || (m[1] === '<') !== (m[3] === '>')) throw new Unsupported(spec);
    const last = this.args[this.args.length - 1];
    if (last?.variadic) throw new Unsupported(spec);
    this.args.push({ required: m[1] === '<', variadic: Boolean(m[2]) });
    return this;
  }

  description(): this {
    return this;
  }

  addHelpText(): this {
    return this;
  }

  version(_v: string, flags: string): this {
    return this.add(flags, false, undefined, undefined, true);
  }

  option(flags: string, _help: string, fn?: unknown, def?: unknown): this {
    return typeof fn === 'function' ? this.add(flags, false, fn as Opt['parse'], def) : this.add(flags, false, undefined, fn);
  }

  requiredOption(flags: string, _help: string, fn?: unknown, def?: unknown): this {
    return typeof fn === 'function' ? this.add(flags, true, fn as Opt['parse'], def) : this.add(flags, true, undefined, fn);
  }

  action(fn: Action): this {
    this.fn = fn;
    return this;
  }

  opts(): Record<string, unknown> {
    return this.values;
  }

  /** The values of this command and of those above it, the higher ones winning (as commander). */
  optsWithGlobals(): Record<string, unknown> {
    const all: Record<string, unknown> = {};
    for (let c: Recorder | undefined = this; c; c = c.parent) Object.assign(all, c.values);
    return all;
  }

  private add(flags: string, mandatory: boolean, parse: Opt['parse'], def: unknown, commanders?: true): this {
    const m = FLAGS.exec(flags);
    if (!m) throw new Unsupported(flags);
    const value = m[3] !== undefined;
    const o: Opt = { short: m[1], long: m[2], key: keyOf(m[2]), value, variadic: /\w\.\.\.[>\]]$/.test(flags), negate: m[2].startsWith('--no-'), mandatory, parse, commanders };
    if (this.options.some((x) => x.key === o.key || x.long === o.long || (o.short && x.short === o.short))) throw new Unsupported(flags);
    this.options.push(o);
    // the value before any word is read, as commander sets it when the option is added
    if (o.negate) this.values[o.key] = def === undefined ? true : def;
    else if (def !== undefined) this.values[o.key] = def;
    return this;
  }

  find(word: string): Opt | undefined {
    return this.options.find((o) => o.long === word || o.short === word);
  }
}

const optionLike = (w: string) => w.length > 1 && w[0] === '-';

/** Set an option's value from a word as commander does (its parser, else a variadic list, else the word). */
function assign(cmd: Recorder, o: Opt, word: string | null): void {
  const old = cmd.values[o.key];
  let v: unknown = word;
  if (word !== null && o.parse) v = o.parse(word, old);
  else if (word !== null && o.variadic) v = Array.isArray(old) ? (old.push(word), old) : [word];
  if (v == null) v = o.negate ? false : true;
  cmd.values[o.key] = v;
}

/** The call read without commander: a function that runs the command's action, or undefined when
 *  commander must read it (help, version, anything unusual, any error of the command line).
 *  `register` registers the global options and the invoked command on the recorder given. */
export function fastParse(argv: string[], register: (program: Recorder) => void): (() => Promise<unknown>) | undefined {
  const root = new Recorder('cba');
  try {
    register(root);
  } catch {
    return undefined; // a builder call the recorder does not know
  }
  const words = argv.slice(2);
  let cmd = root;
  const operands: string[] = [];
  let variadic: Opt | undefined;
  let reachedLeaf = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!optionLike(w)) {
      if (variadic) {
        assign(cmd, variadic, w);
        continue;
      }
      if (!reachedLeaf) {
        // the command (and subcommand) named: the words before any option or operand
        const sub = cmd.subs.find((s) => s.name === w);
        if (!sub) return undefined;
        cmd = sub;
        if (!cmd.subs.length) reachedLeaf = true;
        continue;
      }
      operands.push(w);
      continue;
    }
    variadic = undefined;
    // the program's own options are read wherever they stand (commander reads them first)
    const g = root.find(w);
    const o = g ?? (reachedLeaf ? cmd.find(w) : undefined);
    if (!o || o.commanders) return undefined;
    if (g && !reachedLeaf && cmd !== root) return undefined; // between a command and its subcommand
    const owner = g ? root : cmd;
    if (o.value) {
      const v = words[i + 1];
      if (v === undefined || optionLike(v)) return undefined;
      i++;
      assign(owner, o, v);
      if (o.variadic) variadic = o;
    } else assign(owner, o, null);
  }
  if (!reachedLeaf || !cmd.fn) return undefined;
  if (cmd.options.some((o) => o.mandatory && cmd.values[o.key] === undefined)) return undefined;
  // the arguments, as commander hands them to the action
  const args: unknown[] = [];
  for (let k = 0; k < cmd.args.length; k++) {
    const a = cmd.args[k];
    if (k >= operands.length && a.required) return undefined;
    args.push(a.variadic ? operands.slice(k) : operands[k]);
  }
  const last = cmd.args[cmd.args.length - 1];
  if (operands.length > cmd.args.length && !last?.variadic) return undefined;
  const leaf = cmd;
  const fn = leaf.fn!;
  return async () => fn.call(leaf, ...args, leaf.values, leaf);
}
