// cba completion bash|zsh|fish: a shell script that completes the commands, their options, and the
// ids of the rules (stipends, deadlines, classes, schedules, years) of the chosen agreement.
// cba man: the manual page (roff), made from the same help.
import type { Command, Option } from 'commander';
import { InputError } from '../core/errors';
import { nearest } from '../core/suggest';
import { allDeadlines } from '../rules/deadlines/deadlines';
import type { Agreement } from '../rules/types';
import { declare, type Exec, type OptionsOf, type RunCtx } from '../cli/command';
import { examples } from '../cli/help';
import { RATING_WORDS } from '../cli/parse';

export const DESCRIPTION = 'Print a shell completion script (bash, zsh or fish) with the ids of the rules';

export const OPTIONS = {} as const;
export type CompletionOptions = OptionsOf<typeof OPTIONS>;

const SHELLS = ['bash', 'zsh', 'fish'];

export function register(program: Command, exec: Exec): void {
  declare(program.command('completion').argument('<shell>', 'bash, zsh or fish').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        '# bash: load it now, or install it for every new shell',
        'source <(cba completion bash)',
        'cba completion bash > ~/.local/share/bash-completion/completions/cba',
        '# zsh: a folder on $fpath, then restart the shell',
        'cba completion zsh > ~/.zfunc/_cba',
        '# fish',
        'cba completion fish > ~/.config/fish/completions/cba.fish',
      ]),
    )
    .action((shell: string, _o: CompletionOptions, c: Command) => exec(c, (ctx) => run(shell, ctx)));
}

/** What the script completes: every command (and subcommand) with its options, and the values of some options. */
export interface CompletionModel {
  global: Opt[];
  commands: Cmd[];
  values: Record<string, string[]>;
}
interface Opt {
  long: string;
  short?: string;
  takesValue: boolean;
  help: string;
}
interface Cmd {
  name: string;
  help: string;
  options: Opt[];
  /** the words its positional argument takes (stipend ids, deadline ids), or 'files' */
  args?: string[] | 'files';
  sub?: Cmd[];
}

/** Options that name a file or folder: completed with file names. */
const FILE_OPTIONS = ['--rules', '--roster', '--calendar', '--closures', '--ics', '--out-schedule', '--rates', '--scenario', '--html', '--input', '--out', '--output'];

function opt(o: Option): Opt {
  return { long: o.long ?? '', short: o.short, takesValue: Boolean(o.required || o.optional), help: o.description.split('\n')[0] };
}

/** The model, from the full commander program and the agreement's rules. */
export function completionModel(program: Command, a: Agreement | undefined): CompletionModel {
  const cmdOf = (c: Command): Cmd => ({
    name: c.name(),
    help: c.description().split('\n')[0],
    options: c.options.filter((o) => o.long).map(opt),
    sub: c.commands.length ? c.commands.filter((s) => s.name() !== 'help').map(cmdOf) : undefined,
    args: c.registeredArguments.length ? 'files' : undefined,
  });
  const commands = program.commands.filter((c) => c.name() !== 'help').map(cmdOf);
  const values: Record<string, string[]> = {};
  if (a) {
    const classes = [...new Set(a.schedules.flatMap((s) => s.classes))];
    values['--class'] = classes;
    values['--new-class'] = classes;
    values['--schedule'] = [...new Set(a.schedules.map((s) => s.id))];
    values['--year'] = [...new Set(a.schedules.map((s) => s.year))];
    const stipends = a.parts.stipends?.stipends.map((s) => s.id) ?? [];
    if (stipends.length) values['--stipend'] = stipends;
    const deadlines = a.parts.deadlines ? ['grievance', 'list', ...allDeadlines(a).map((d) => d.id)] : [];
    for (const c of commands) {
      if (c.name === 'stipend') c.args = stipends;
      if (c.name === 'deadline') c.args = [...new Set(deadlines)];
    }
  }
  values['--degree'] = ['none', 'aa', 'bachelor', 'master', 'doctorate'];
  values['--rating'] = [...new Set(Object.values(RATING_WORDS))]; // the two meanings, from the one list of words
  values['--periods'] = ['12', '10'];
  for (const c of commands) if (c.name === 'completion') c.args = SHELLS;
  return { global: program.options.filter((o) => o.long).map(opt), commands, values };
}

const words = (xs: string[]) => xs.map((x) => (/^[A-Za-z0-9._:+-]+$/.test(x) ? x : `'${x.replace(/'/g, "'\\''")}'`)).join(' ');
const optWords = (os: Opt[]) => os.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])]);

/** What bash and zsh write differently; the rest of their script is one (shellScript). */
interface ShellSyntax {
  /** offer these words */
  offer: (ws: string[]) => string;
  /** a command whose argument is a file: its words, and file names */
  offerWithFiles: (ws: string[]) => string;
  /** complete a file name */
  files: string;
  head: string;
  /** the words before the cursor: the loop's first index, bound and the word at i */
  loop: { from: number; to: string; word: string };
  foot: string;
}

const SHELL_SYNTAX: Record<'bash' | 'zsh', ShellSyntax> = {
  bash: {
    offer: (ws) => `COMPREPLY=($(compgen -W "${words(ws)}" -- "$cur"))`,
    offerWithFiles: (ws) => `COMPREPLY=($(compgen -W "${words(ws)}" -- "$cur")); [[ $cur != -* ]] && compopt -o default 2>/dev/null`,
    files: 'COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null',
    head: `# bash completion for cba (cba completion bash). Load it now:  source <(cba completion bash)
# or for every new shell:  cba completion bash > ~/.local/share/bash-completion/completions/cba
_cba() {
  local cur prev path i w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  path=""`,
    loop: { from: 1, to: 'COMP_CWORD', word: 'COMP_WORDS[i]' },
    foot: 'complete -F _cba cba\n',
  },
  zsh: {
    offer: (ws) => `compadd -- ${words(ws)}`,
    offerWithFiles: (ws) => `_files; compadd -- ${words(ws)}`,
    files: '_files',
    head: `#compdef cba
# zsh completion for cba (cba completion zsh). Save it as _cba in a folder on $fpath
# (for example ~/.zfunc, with fpath+=(~/.zfunc) before compinit in ~/.zshrc), or: source <(cba completion zsh)
_cba() {
  local path="" i w prev="\${words[CURRENT-1]}"`,
    loop: { from: 2, to: 'CURRENT', word: 'words[i]' },
    foot: `if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _cba "$@"
else
  compdef _cba cba
fi
`,
  },
};

/** The bash or zsh script: skip the options' values to find the command path, then complete the value
 *  of the option before the cursor, or the words of the command path. */
export function shellScript(m: CompletionModel, shell: 'bash' | 'zsh'): string {
  const S = SHELL_SYNTAX[shell];
  const valueCases = Object.entries(m.values).map(([k, v]) => `    ${k}) ${S.offer(v)}; return ;;`);
  const cmdCase = (c: Cmd, prefix: string): string[] => {
    const own = optWords(c.options);
    if (c.sub) return [`    "${prefix}${c.name}") ${S.offer([...c.sub.map((s) => s.name), ...own])} ;;`, ...c.sub.flatMap((s) => cmdCase(s, `${prefix}${c.name} `))];
    const ws = [...(Array.isArray(c.args) ? c.args : []), ...own];
    return [`    "${prefix}${c.name}") ${c.args === 'files' ? S.offerWithFiles(ws) : S.offer(ws)} ;;`];
  };
  const withValue = [...m.global, ...m.commands.flatMap((c) => [...c.options, ...(c.sub ?? []).flatMap((s) => s.options)])].filter((o) => o.takesValue).map((o) => o.long);
  return `${S.head}
  for ((i = ${S.loop.from}; i < ${S.loop.to}; i++)); do
    w="\${${S.loop.word}}"
    case "$w" in
      ${[...new Set(withValue)].join('|')}) ((i++)) ;;
      -*) ;;
      *) path="\${path:+$path }$w" ;;
    esac
  done
  case "$prev" in
${valueCases.join('\n')}
    ${FILE_OPTIONS.join('|')}) ${S.files}; return ;;
  esac
  case "$path" in
    "") ${S.offer([...m.commands.map((c) => c.name), ...optWords(m.global)])} ;;
${m.commands.flatMap((c) => cmdCase(c, '')).join('\n')}
  esac
}
${S.foot}`;
}

export function fishScript(m: CompletionModel): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const names = m.commands.map((c) => c.name);
  const out = [
    '# fish completion for cba (cba completion fish). Install: cba completion fish > ~/.config/fish/completions/cba.fish',
    'complete -c cba -f',
  ];
  const optLine = (cond: string, o: Opt) => {
    const vals = m.values[o.long];
    const file = FILE_OPTIONS.includes(o.long);
    return `complete -c cba${cond ? ` -n ${q(cond)}` : ''} -l ${o.long.slice(2)}${o.short ? ` -s ${o.short.slice(1)}` : ''}${o.takesValue ? (file ? ' -r -F' : ' -x') : ''}${vals ? ` -a ${q(vals.join(' '))}` : ''} -d ${q(o.help)}`;
  };
  for (const o of m.global) out.push(optLine('', o));
  for (const c of m.commands) {
    out.push(`complete -c cba -n '__fish_use_subcommand' -a ${c.name} -d ${q(c.help)}`);
    const cond = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) out.push(optLine(cond, o));
    if (Array.isArray(c.args) && c.args.length) out.push(`complete -c cba -n ${q(cond)} -a ${q(c.args.join(' '))}`);
    if (c.args === 'files') out.push(`complete -c cba -n ${q(cond)} -F`);
    for (const s of c.sub ?? []) {
      const sc = `__fish_seen_subcommand_from ${c.name}; and not __fish_seen_subcommand_from ${c.sub!.map((x) => x.name).join(' ')}`;
      out.push(`complete -c cba -n ${q(sc)} -a ${s.name} -d ${q(s.help)}`);
      for (const o of s.options) out.push(optLine(`__fish_seen_subcommand_from ${c.name}; and __fish_seen_subcommand_from ${s.name}`, o));
      if (s.args === 'files') out.push(`complete -c cba -n ${q(`__fish_seen_subcommand_from ${c.name}; and __fish_seen_subcommand_from ${s.name}`)} -F`);
    }
  }
  void names;
  return out.join('\n') + '\n';
}

/** The whole program, every command registered in full (the completion and the man page need them all). */
let commandsOf: () => Record<string, { register(p: Command, e: Exec): void }> = () => ({});
/** index.ts hands over the command table (no import of it here: no cycle). */
export function useCommands(f: typeof commandsOf): void {
  commandsOf = f;
}
let globalsOf: (p: Command) => Command = (p) => p;
/** main.ts hands over its global options. */
export function useGlobalOptions(f: typeof globalsOf): void {
  globalsOf = f;
}
async function fullProgram(): Promise<Command> {
  const COMMANDS = commandsOf();
  // commander loaded here, as main.ts loads it: a plain call of a command never needs it
  const { Command } = await import('commander');
  const program = new Command('cba');
  globalsOf(program);
  const noop: Exec = async () => {};
  for (const m of Object.values(COMMANDS)) m.register(program, noop);
  return program;
}

export async function run(shell: string, { out: ctx, agreement }: RunCtx): Promise<void> {
  if (!SHELLS.includes(shell)) {
    const near = nearest(shell, SHELLS);
    throw new InputError(`completion ${shell}: give bash, zsh or fish${near.length ? ` (did you mean ${near[0]}?)` : ''}`);
  }
  let a: Agreement | undefined;
  try {
    a = await agreement();
  } catch {
    a = undefined; // bad rules: complete the commands and options anyway
  }
  const m = completionModel(await fullProgram(), a);
  ctx.stdout.write(shell === 'bash' || shell === 'zsh' ? shellScript(m, shell) : fishScript(m));
}

// ------------------------------------------------------------------------------------ cba man

export const MAN_DESCRIPTION = 'Print the manual page (roff) made from the help of every command';

export function registerMan(program: Command, exec: Exec): void {
  program
    .command('man')
    .description(MAN_DESCRIPTION)
    .addHelpText('after', () => examples(['cba man > ~/.local/share/man/man1/cba.1 && man cba', 'cba man | man -l -']))
    .action((_o: unknown, c: Command) => exec(c, async ({ out }) => void out.stdout.write(manPage(await fullProgram()))));
}

const roff = (s: string) => s.replace(/\\/g, '\\e').replace(/^([.'])/gm, '\\&$1').replace(/-/g, '\\-');

/** The manual page: name, synopsis, description, every command's help with its examples, exit status. */
export function manPage(program: Command): string {
  program.configureOutput({ getOutHelpWidth: () => 78 });
  const help = (c: Command) => {
    let text = '';
    const saved = c.configureOutput();
    c.configureOutput({ ...saved, writeOut: (s: string) => (text += s), getOutHelpWidth: () => 78 });
    c.outputHelp();
    c.configureOutput(saved);
    return text;
  };
  const out = [
    '.TH CBA 1 "" "cba 0.1.0" "User Commands"',
    '.SH NAME',
    'cba \\- contract calculator for a teachers\' collective bargaining agreement',
    '.SH SYNOPSIS',
    '.B cba',
    '[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR]',
    '.SH DESCRIPTION',
    roff(program.description()),
    '.SH GLOBAL OPTIONS',
    ...program.options.flatMap((o) => ['.TP', `.B ${roff(o.flags)}`, roff(o.description)]),
    '.SH COMMANDS',
  ];
  const walk = (c: Command, prefix: string) => {
    for (const s of c.commands) {
      if (s.name() === 'help') continue;
      out.push(`.SS ${roff(prefix + s.name())}`, '.nf', roff(help(s).trimEnd()), '.fi');
      walk(s, `${prefix}${s.name()} `);
    }
  };
  walk(program, 'cba ');
  out.push(
    '.SH EXIT STATUS',
    '0 success; 1 a check failed (an underpaid row, a missed deadline, a stipend not eligible); 2 bad input or bad rules, with one line on stderr naming the fix; 70 an internal error.',
    '.SH ENVIRONMENT',
    '.TP',
    '.B COLUMNS',
    'the width tables fit when the output is not a terminal (default 80)',
    '.TP',
    '.B NO_COLOR',
    'no colour',
    '.SH SEE ALSO',
    'The documentation in the docs/ folder of the package.',
  );
  return out.join('\n') + '\n';
}
