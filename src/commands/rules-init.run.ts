// cba rules init <dir>: a new agreement folder that validates at once. Every file is linked to its
// JSON Schema (copied into <dir>/schema/), the parameters an agreement must state carry defaults to
// check, and every citation is marked unfilled so `cba rules validate` lists what is left.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { Ctx } from '../cli/output';
import { defaultRulesRoot, packageRoot } from '../rules/load';
import { loadAgreementDir } from '../rules/validate';

export interface InitFlags {
  id?: string;
  name?: string;
  employer?: string;
  association?: string;
  from?: string;
  to?: string;
  days?: string;
  hours?: string;
  months?: string;
  json?: boolean;
}

const q = (s: string) => JSON.stringify(s);
const unfilled = (what: string) => `{article: "(unfilled)", quote: ${q(`(unfilled: ${what})`)}, unfilled: true}`;

function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return !!m && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
}

export function agreementTemplate(o: Required<Omit<InitFlags, 'json'>>): string {
  return `# yaml-language-server: $schema=schema/agreement.schema.json
# Made by cba rules init. Check every value against your agreement and replace each citation
# marked unfilled with the article, section and sentence it comes from (cba rules validate lists them).
id: ${o.id}
name: ${q(o.name)}
employer: ${q(o.employer)}
association: ${q(o.association)}
term: { from: ${o.from}, to: ${o.to} }
source: source/agreement.txt
defaultSchedule: teacher

parameters:
  baseYearDays:
    value: ${o.days}
    unit: days
    note: The work year a full annual salary pays for; the daily rate is annual / this (a schedule may state its own days).
    cite: ${unfilled('the sentence stating the work year, e.g. "The work year shall be 185 days."')}
  maxYearDays:
    value: ${Math.max(+o.days, 225)}
    unit: days
    note: The longest calendar allowed; days beyond baseYearDays are paid at the daily rate.
    cite: ${unfilled('the sentence limiting the days worked in a year')}
  minYearDays:
    value: ${Math.min(+o.days, 100)}
    unit: days
    note: The shortest calendar allowed; shorter calendars are paid pro rata.
    cite: ${unfilled('the sentence on the shortest (shared or reduced) calendar')}
  monthsPerYear:
    value: ${o.months}
    unit: months
    cite: ${unfilled('the sentence on the number of monthly pay warrants')}

rounding:
  dailyRate: { mode: half-up, unit: "0.01", cite: ${unfilled('how the daily rate is rounded')} }
  pay: { mode: half-up, unit: "0.01" }
  monthly: { mode: half-up, unit: "0.01" }
  annualCell: { mode: half-up, unit: 1, note: "A schedule raised by a percentage keeps whole-dollar annual cells, as printed schedules are whole dollars; give unit 0.01 if yours print cents." }

citations:
  partTime: ${unfilled('the sentence on part-time pay (pro rata)')}

assignments:
  teacher:
    name: Teacher
    hoursPerDay: ${o.hours}
    schedule: teacher
    cite: ${unfilled('the sentence stating the teacher workday in hours')}
${shippedReadings()}`;
}

/** The readings of the pay articles of the agreement cba ships (agreement.yaml), to start from: one source,
 *  copied without their citations (those are of the shipped agreement's sentences). */
function shippedReadings(): string {
  const root = defaultRulesRoot();
  for (const d of existsSync(root) ? readdirSync(root).sort() : []) {
    const f = join(root, d, 'agreement.yaml');
    if (!existsSync(f)) continue;
    const y = parse(readFileSync(f, 'utf8')) as { id?: string; fixture?: boolean; readings?: { id: string; text: string }[] };
    if (y.fixture || !Array.isArray(y.readings)) continue;
    return `\n# How cba reads what an agreement leaves open, printed with the results that apply one; copied from the\n# agreement cba ships (${y.id}): keep, edit or delete each to fit yours.\nreadings:\n${y.readings.map((r) => `  - { id: ${r.id}, text: ${q(r.text)} }`).join('\n')}\n`;
  }
  return '';
}

export async function initRules(dir: string, o: InitFlags, ctx: Ctx): Promise<void> {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length) throw new InputError(`${dir}: the folder exists and is not empty: give a new folder name`);
  if (!existsSync(dirname(target))) throw new InputError(`${dir}: the folder ${dirname(dir)} does not exist`);
  const id = o.id ?? basename(target).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new InputError(`--id ${id}: an agreement id is kebab-case letters and digits, like my-district-2024-2027`);
  const y = new Date().getUTCFullYear();
  const from = o.from ?? `${y}-07-01`;
  const to = o.to ?? `${+from.slice(0, 4) + 3}-06-30`;
  for (const [flag, v] of [['--from', from], ['--to', to]] as const) if (!isDate(v)) throw new InputError(`${flag} ${v}: give a date written YYYY-MM-DD`);
  if (to < from) throw new InputError(`--to ${to} is before --from ${from}`);
  const days = o.days ?? '185';
  if (!/^\d+$/.test(days) || +days < 1 || +days > 366) throw new InputError(`--days ${days}: give the base work year in days, like 185`);
  const hours = o.hours ?? '7';
  if (!/^\d+(\.\d+)?$/.test(hours) || +hours <= 0 || +hours > 24) throw new InputError(`--hours ${hours}: give the hours of a work day, like 7 or 6.75`);
  const months = o.months ?? '12';
  if (!/^\d+$/.test(months) || +months < 1 || +months > 12) throw new InputError(`--months ${months}: give the number of monthly pay warrants, 10 or 12`);
  const text = agreementTemplate({ id, name: o.name ?? `${id} collective bargaining agreement`, employer: o.employer ?? '(unfilled: the employer)', association: o.association ?? '(unfilled: the association)', from, to, days, hours, months });

  // build in a scratch folder beside the target, validate, then move into place
  const scratch = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  try {
    mkdirSync(join(scratch, 'schedules'));
    mkdirSync(join(scratch, 'source'));
    mkdirSync(join(scratch, 'schema'));
    writeFileSync(join(scratch, 'agreement.yaml'), text);
    writeFileSync(join(scratch, 'source', 'agreement.txt'), `Paste the text of the agreement here. The rules audit (cba rules audit) checks every quoted sentence against it.\n`);
    writeFileSync(join(scratch, 'schedules', 'README.md'), `Salary schedules: one YAML file per schedule and effective date.\nImport one with: cba rules import schedule <file.csv|.xlsx|.pdf> --rules ${dir}\n`);
    const schemaDir = join(packageRoot(), 'schema');
    for (const f of readdirSync(schemaDir)) if (f.endsWith('.schema.json')) copyFileSync(join(schemaDir, f), join(scratch, 'schema', f));
    loadAgreementDir(scratch, dirname(scratch));
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(scratch, target);
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  const next = [
    `cba rules import schedule <schedule.csv|.xlsx|.pdf> --rules ${dir} --year <yyyy-yy>`,
    `cba rules validate --rules ${dir}          # lists the citations still to fill`,
    `cba salary --rules ${dir} --class <class> --step <n>`,
  ];
  if (o.json) {
    ctx.stdout.write(JSON.stringify({ created: dir, id, files: ['agreement.yaml', 'source/agreement.txt', 'schedules/', 'schema/'], next }, null, 2) + '\n');
    return;
  }
  ctx.stdout.write(`Created ${dir} (agreement ${id}): agreement.yaml with every citation marked unfilled, source/agreement.txt, schedules/, schema/.\nNext:\n${next.map((n) => `  ${n}`).join('\n')}\n`);
}
