// The hostile-input set (issue 17): several hundred inputs a careless or hostile user could give,
// over every command and every kind of file, run in this process. Each must end with the stated exit
// code, exactly one line on stderr that names the input (the file, or the value as typed), no stack
// trace, within a hang guard and without growing memory by 200 MB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cbaIn } from '../helpers/in-process';
import { AGREEMENT_DIR } from '../helpers/contract';

const D = mkdtempSync(join(tmpdir(), 'cba-hostile-'));
const p = (name: string) => join(D, name);
const MB = 1024 * 1024;

// ---- the files -------------------------------------------------------------------------------
const SPECIAL: [string, string][] = [
  ['/dev/zero', '/dev/zero'],
  ['a FIFO', p('fifo')],
  ['a folder', p('folder')],
  ['a link to /dev/zero', p('zero-link')],
  ['a missing file', p('missing.txt')],
  ['/dev/null', '/dev/null'],
];

function deepFlow(n: number) {
  return 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n';
}
function aliasBomb() {
  let s = 'a: &a [x,x,x,x,x,x,x,x,x]\n';
  let prev = 'a';
  for (let i = 0; i < 12; i++) {
    s += `b${i}: &b${i} [${Array(9).fill('*' + prev).join(',')}]\n`;
    prev = 'b' + i;
  }
  return s;
}
function deepBlock(n: number) {
  let s = 'a:\n';
  for (let i = 1; i < n; i++) s += ' '.repeat(i) + 'b:\n';
  return s;
}
function bytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7919 + 13) % 256;
  return b;
}

// YAML content attacks, for each YAML file kind: [name, file content or size of a sparse file]
const YAML_ATTACKS: [string, string | Buffer | number][] = [
  ['an alias bomb', aliasBomb()],
  ['100,000 nested brackets', deepFlow(100_000)],
  ['200 nested brackets', deepFlow(200)],
  ['1,500 nested block maps', deepBlock(1500)],
  ['a 5 MB file', 5 * MB],
  ['binary bytes', bytes(4096)],
  ['a YAML syntax error', 'a: [1, 2\nb: }\n'],
  ['a list at the top', '- 1\n- 2\n'],
  ['a __proto__ key', '__proto__: { polluted: true }\nconstructor: 1\n'],
  ['NUL bytes', Buffer.from([0, 0, 0, 10, 0])],
  ['an empty file', ''],
];

// CSV content attacks, for each CSV kind
const CSV_ATTACKS: [string, string | Buffer][] = [
  ['an empty file', ''],
  ['a BOM alone', '\ufeff'],
  ['a blank header', ',,\n1,2,3\n'],
  ['a duplicate header name', 'id,class,step,paid,paid,date,date\nA,IV,13,1,2,2006-01-09,2006-01-09\n'],
  ['a 100 KB record', 'id,class,step,paid,date\n' + 'x'.repeat(100 * 1024) + '\n'],
  ['an unclosed quote', 'id,class,step,paid,date\n"' + 'y,'.repeat(60 * 1024) + '\n'],
  ['binary bytes', bytes(200_000)],
  ['a header lacking the needed columns', 'nothing,here\n1,2\n'],
];

const YAML_KINDS: [string, (f: string) => string[], string][] = [
  ['check file', (f) => ['check', f], 'check.yaml'],
  ['deadline --calendar', (f) => ['deadline', 'grievance', '--occurred', '2005-11-18', '--calendar', f], 'cal.yaml'],
  ['deadline --closures', (f) => ['deadline', 'grievance', '--occurred', '2005-11-18', '--closures', f], 'clo.yaml'],
  ['calendar --calendar', (f) => ['calendar', '--calendar', f], 'cal2.yaml'],
  ['calendar --closures', (f) => ['calendar', '--closures', f], 'clo2.yaml'],
  ['cost --scenario', (f) => ['cost', '--roster', 'fixtures/bargain/roster3.csv', '--scenario', f, '--rates', 'fixtures/bargain/county-rates.yaml'], 'scenario.yaml'],
  ['cost --rates', (f) => ['cost', '--roster', 'fixtures/bargain/roster3.csv', '--scenario', 'fixtures/bargain/proposal-a.yaml', '--rates', f], 'rates.yaml'],
  ['retro --rates', (f) => ['retro', '--roster', 'fixtures/bargain/retro3.csv', '--effective', '2005-07-01', '--paid-through', '2005-12-31', '--raise', '2', '--rates', f], 'rates2.yaml'],
];

const CSV_KINDS: [string, (f: string) => string[]][] = [
  ['audit roster', (f) => ['audit', f]],
  ['audit --json roster', (f) => ['audit', f, '--json']],
  ['cost --roster', (f) => ['cost', '--roster', f]],
  ['deadline --input', (f) => ['deadline', 'grievance', '--input', f]],
  ['retro --roster', (f) => ['retro', '--roster', f, '--effective', '2005-07-01', '--paid-through', '2005-12-31', '--raise', '2']],
  ['cost --scenario --roster', (f) => ['cost', '--roster', f, '--scenario', 'fixtures/bargain/proposal-a.yaml', '--rates', 'fixtures/bargain/county-rates.yaml']],
];

// the files of a rules folder a hostile copy can replace
const RULES_FILES = ['agreement.yaml', 'schedules/basic-2005-06.yaml', 'leaves.yaml', 'calendars/2005-06.yaml', 'stipends.yaml'];

beforeAll(() => {
  execFileSync('mkfifo', [p('fifo')]);
  mkdirSync(p('folder'));
  symlinkSync('/dev/zero', p('zero-link'));
});
afterAll(() => rmSync(D, { recursive: true, force: true }));

let n = 0;
/** Each content written once (a sparse file of that size for a number), then given to every case that
 *  uses it as a hard link of its own name: the same bytes under each name, without writing the
 *  megabyte files (1,500 nested block maps are 1.1 MB) again for every kind of file and every rules file. */
const written = new Map<string | Buffer | number, string>();
function master(content: string | Buffer | number): string {
  let m = written.get(content);
  if (m === undefined) {
    m = p(`content-${written.size}`);
    if (typeof content === 'number') {
      writeFileSync(m, '');
      truncateSync(m, content);
    } else writeFileSync(m, content);
    written.set(content, m);
  }
  return m;
}
function file(content: string | Buffer | number, ext: string): string {
  const f = p(`in-${++n}${ext}`);
  linkSync(master(content), f);
  return f;
}

/** A copy of the shipped rules folder whose files are hard links to one private copy of it (the same
 *  content, a fraction of the cost of copying it for each; no case writes to them). Not links to the
 *  checkout's own files: a new link changes a file's change time, which the build's index of citations
 *  (dist/cite-index.txt) keys on, and every later `cba rules cite` in the checkout read all the rules
 *  files again instead of the index (found timing it: 43 ms of CPU against salary's 28). */
function linkedCopy(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) linkedCopy(join(from, e.name), join(to, e.name));
    else linkSync(join(from, e.name), join(to, e.name));
  }
}

/** The rules folder with the file rel replaced by the hostile content: one linked copy for each rel,
 *  its file rel replaced again by each case (the cases of a rel run one after another; each run reads
 *  the folder anew, and a folder that fails to load is not kept), rather than a copy a case: the 65
 *  copies cost a second of unlinking at the end. */
let privateCopy: string | undefined;
function privateRules(): string {
  if (!privateCopy) cpSync(AGREEMENT_DIR, (privateCopy = p('rules-private')), { recursive: true });
  return privateCopy;
}
const copies = new Map<string, string>();
function rulesCopy(rel: string, content: string | Buffer | number | { link: string }): string {
  let dir = copies.get(rel);
  if (!dir) {
    copies.set(rel, (dir = p(`rules-${++n}`)));
    linkedCopy(privateRules(), dir);
  }
  const f = join(dir, rel);
  rmSync(f, { force: true }); // a file or a link (no case leaves a folder there)
  if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.link, f);
  else linkSync(master(content), f);
  return dir;
}

interface Case {
  name: string;
  args: () => string[];
  /** what stderr must name: the file or the value as typed */
  names: (args: string[]) => string;
  code?: number;
}

const cases: Case[] = [];
const last = (a: string[]) => a[a.length - 1];

// 1. special files for every file-taking flag
const FILE_FLAGS: [string, (f: string) => string[]][] = [
  ...CSV_KINDS,
  ...YAML_KINDS.map(([k, f]) => [k, f] as [string, (f: string) => string[]]),
  ['--rules', (f) => ['salary', '--class', 'IV', '--step', '13', '--rules', f]],
  ['rules validate --rules', (f) => ['--rules', f, 'rules', 'validate']],
  ['schedule --rules', (f) => ['--rules', f, 'schedule']],
  ['rules import schedule', (f) => ['rules', 'import', 'schedule', f, '--dry-run']],
];
for (const [kind, make] of FILE_FLAGS)
  for (const [what, f] of SPECIAL) {
    if (kind.includes('--rules') && what === 'a folder') continue; // an empty folder: named below
    cases.push({ name: `${kind}: ${what}`, args: () => make(f), names: () => f });
  }
cases.push({ name: '--rules: an empty folder', args: () => ['salary', '--class', 'IV', '--step', '13', '--rules', p('folder')], names: () => p('folder') });

// 2. YAML attacks on every YAML kind
for (const [kind, make, ext] of YAML_KINDS)
  for (const [what, content] of YAML_ATTACKS) {
    cases.push({ name: `${kind}: ${what}`, args: () => make(file(content, '-' + ext)), names: (a) => a.find((x) => x.includes('-' + ext))! });
  }

// 3. the same attacks inside a rules folder, and special files in its place
for (const rel of RULES_FILES) {
  for (const [what, content] of YAML_ATTACKS) cases.push({ name: `--rules with ${rel} as ${what}`, args: () => ['salary', '--class', 'IV', '--step', '13', '--rules', rulesCopy(rel, content)], names: () => rel });
  for (const link of ['/dev/zero', p('fifo')]) cases.push({ name: `--rules with ${rel} linked to ${link}`, args: () => ['salary', '--class', 'IV', '--step', '13', '--rules', rulesCopy(rel, { link })], names: () => rel });
}

// 4. CSV attacks on every CSV kind
for (const [kind, make] of CSV_KINDS)
  for (const [what, content] of CSV_ATTACKS) cases.push({ name: `${kind}: ${what}`, args: () => make(file(content, '.csv')), names: (a) => a.find((x) => x.endsWith('.csv'))! });

// 5. user words that are names of Object.prototype members, in every lookup
const WORDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const WORD_FLAGS: [string, (w: string) => string[]][] = [
  ['salary --class', (w) => ['salary', '--class', w, '--step', '13']],
  ['salary --schedule', (w) => ['salary', '--class', 'IV', '--step', '13', '--schedule', w]],
  ['salary --year', (w) => ['salary', '--class', 'IV', '--step', '13', '--year', w]],
  ['salary --stipend', (w) => ['salary', '--class', 'IV', '--step', '13', '--stipend', w]],
  ['salary --agreement', (w) => ['--agreement', w, 'salary', '--class', 'IV', '--step', '13']],
  ['stipend id', (w) => ['stipend', w]],
  ['stipend ltvs --rating', (w) => ['stipend', 'ltvs', '--years', '21', '--class', 'V', '--rating', w]],
  ['sick-leave --assignment', (w) => ['sick-leave', '--assignment', w]],
  ['deadline name', (w) => ['deadline', w, '--from', '2006-01-09']],
  ['schedule --schedule', (w) => ['schedule', '--schedule', w]],
  ['step-advance --degree', (w) => ['step-advance', '--placement', '--degree', w]],
  ['step-advance --related', (w) => ['step-advance', '--placement', '--degree', 'bachelor', '--related', `${w}=2`]],
  ['step-advance --class', (w) => ['step-advance', '--class', w, '--step', '3', '--days-served', '190']],
  ['step-advance --rating', (w) => ['step-advance', '--class', 'IV', '--step', '3', '--years', '2', '--rating', w]],
  ['deadline --done', (w) => ['deadline', 'grievance', '--occurred', '2005-11-18', '--done', `${w}=2005-12-01`]],
  ['cost --schedule', (w) => ['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--raise', '1', '--schedule', w, '--out-schedule', p(`never-${w}.yaml`)]],
];
for (const [kind, make] of WORD_FLAGS) for (const w of WORDS) cases.push({ name: `${kind} ${w}`, args: () => make(w), names: () => w });

// 6. numbers out of range, as typed
const NUMBERS: [string, string[], string][] = [
  ['--step 99999999999999999999', ['salary', '--class', 'IV', '--step', '99999999999999999999'], '99999999999999999999'],
  ['--step 1e3', ['salary', '--class', 'IV', '--step', '1e3'], '1e3'],
  ['--fte 1e-31', ['salary', '--class', 'IV', '--step', '13', '--fte', '1e-31'], '1e-31'],
  ['--fte 0.0000000000000000000000000000001', ['salary', '--class', 'IV', '--step', '13', '--fte', '0.0000000000000000000000000000001'], '0.0000000000000000000000000000001'],
  ['--fte 0', ['salary', '--class', 'IV', '--step', '13', '--fte', '0'], '0'],
  ['--fte 2', ['salary', '--class', 'IV', '--step', '13', '--fte', '2'], '2'],
  ['--days 1e400', ['salary', '--class', 'IV', '--step', '13', '--days', '1e400'], '1e400'],
  ['--tutoring-hours 1e20', ['stipend', 'tutoring', '--tutoring-hours', '1e20'], '1e20'],
  ['--tutoring-hours 100000000000000000000', ['stipend', 'tutoring', '--tutoring-hours', '100000000000000000000'], '100000000000000000000'],
  ['--activity-hours 1e9', ['stipend', 'activity-day', '--activity-hours', '1000000000', '--activity-days', '1'], '1000000000'],
  ['--activity-days 1e12', ['stipend', 'activity-day', '--activity-hours', '4', '--activity-days', '1000000000000'], '1000000000000'],
  ['--teachers 1e9', ['stipend', 'btsa', '--teachers', '1000000000'], '1000000000'],
  ['--years 1e9 (ltvs)', ['stipend', 'ltvs', '--years', '1000000000', '--class', 'V'], '1000000000'],
  ['--daily-rate 1e30', ['sick-leave', '--daily-rate', '1000000000000000000000000000000', '--absence', '10'], '1000000000000000000000000000000'],
  ['--balance 1e20h', ['sick-leave', '--balance', '100000000000000000000h'], '100000000000000000000h'],
  ['--absence 1e9', ['sick-leave', '--absence', '1000000000'], '1000000000'],
  ['--raise 1e400 (cost)', ['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--raise', '1e400'], '1e400'],
  ['--tolerance 99999999999999999999', ['audit', 'fixtures/roster/roster.csv', '--tolerance', '99999999999999999999'], '99999999999999999999'],
  ['--years 1e9 (projection)', ['step-advance', '--class', 'IV', '--step', '3', '--years', '1000000000'], '1000000000'],
  ['--days-served 1e12', ['step-advance', '--class', 'IV', '--step', '3', '--days-served', '1000000000000'], '1000000000000'],
  ['--level 99999999999999999999', ['deadline', 'grievance', '--occurred', '2005-11-18', '--decision-received', '2006-01-09', '--level', '99999999999999999999'], '99999999999999999999'],
  ['--from 99999-01-01', ['deadline', 'grievance', '--occurred', '99999-01-01'], '99999-01-01'],
  ['--tutoring-hours 8761 (a year has 8,760)', ['stipend', 'tutoring', '--tutoring-hours', '8761'], '8761'],
  ['--activity-hours 25 (a day has 24)', ['stipend', 'activity-day', '--activity-hours', '25'], '25'],
  ['--donate-hours 9000', ['sick-leave', '--donate-hours', '9000'], '9000'],
  ['--bereavement 400 days', ['sick-leave', '--bereavement', '400'], '400'],
  ['--days-worked 367', ['sick-leave', '--days-worked', '367'], '367'],
  ['--mark 0000-00-00', ['calendar', '--month', '2006-01', '--mark', '0000-00-00'], '0000-00-00'],
  ['--month 2006-13', ['calendar', '--month', '2006-13'], '2006-13'],
];
for (const [name, args, typed] of NUMBERS) cases.push({ name, args: () => args, names: () => typed });

// 7. conflicting flags
const CONFLICTS: [string, string[], string][] = [
  ['--assignment preschool with --hours-per-day 6.75', ['sick-leave', '--assignment', 'preschool', '--hours-per-day', '6.75'], '6.75'],
  ['--placement with --class', ['step-advance', '--placement', '--degree', 'bachelor', '--class', 'IV'], '--class'],
  ['--json with --csv', ['salary', '--class', 'IV', '--step', '13', '--json', '--csv'], '--csv'],
  ['--days-worked with --calendar-days', ['sick-leave', '--days-worked', '190', '--calendar-days', '180'], '--calendar-days'],
];
for (const [name, args, typed] of CONFLICTS) cases.push({ name, args: () => args, names: () => typed });

describe(`hostile input: ${cases.length} inputs, each one line naming it, exit 2, no stack trace`, () => {
  it('is at least 200 inputs', () => expect(cases.length).toBeGreaterThanOrEqual(200));
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const args = c.args();
    const before = process.memoryUsage.rss();
    const r = await cbaIn(args);
    const grew = process.memoryUsage.rss() - before;
    const lines = r.stderr.split('\n').filter((l) => l.trim());
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: c.code ?? 2 });
    expect(lines, r.stderr).toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
    expect(lines[0].toLowerCase()).toContain(c.names(args).replace(/^.*\//, '').toLowerCase());
    expect(grew).toBeLessThan(200 * MB);
  }, 15_000);
});
