// Reading what bargaining commands need: scenario files, the county rates file, and the roster
// (streamed through the scenario coster). Shared by cba cost --scenario and cba disclose.
import { existsSync } from 'node:fs';
import { InputError } from '../core/errors';
import { readCsv } from '../cli/csv-input';
import { parseColumnMap } from '../cli/roster-columns';
import { boundHeapGrowth, bufferedWriter } from '../cli/batch-io';
import type { Io } from '../cli/output';
import { ScenarioCoster, SCENARIO_COLUMNS, statusQuo, type PersonResult, type Scenario } from '../batch/scenario';
import type { RatesFile } from '../rules/benefits/schema';
import type { Agreement } from '../rules/types';
import { loadAgreement } from '../rules/load';

/** The statutory rates are law, not contract: an agreement folder without benefits.yaml uses the shipped
 *  one (said on stderr through note). */
export async function withBenefits(a: Agreement, note: (m: string) => void): Promise<Agreement> {
  if (a.parts.benefits) return a;
  const shipped = await loadAgreement();
  if (!shipped.parts.benefits) return a;
  note(`the ${a.meta.id} rules have no benefits.yaml: the statutory rates, creditable stipends and health cap are those shipped with ${shipped.meta.id} (add a benefits.yaml to the rules folder to set them)`);
  return { ...a, parts: { ...a.parts, benefits: shipped.parts.benefits } };
}

const KIND_LIST = ['schedule-percent', 'cell-amount', 'add-step', 'stipend', 'work-days', 'one-time', 'health-cap'];

export async function loadScenario(file: string): Promise<Scenario> {
  if (!existsSync(file)) throw new InputError(`--scenario ${file}: no such file; give a scenario YAML file (see schema/scenario.schema.json)`);
  const { validateFileAfter } = await import('../rules/validate');
  const { ScenarioFile } = await import('../batch/scenario-schema');
  // An unknown change kind is named before the schema's longer message.
  const kinds = (data: unknown) => {
    const years = (data as { years?: Record<string, unknown> } | null)?.years;
    if (years && typeof years === 'object')
      for (const [y, list] of Object.entries(years))
        if (Array.isArray(list))
          list.forEach((c, i) => {
            const k = (c as { kind?: unknown } | null)?.kind;
            if (typeof k !== 'string' || !KIND_LIST.includes(k))
              throw new InputError(`--scenario ${file}: years.${y}[${i}]: unknown change kind ${JSON.stringify(k ?? null)}; kinds: ${KIND_LIST.join(', ')}`);
          });
  };
  const parsed = validateFileAfter(ScenarioFile, file, file, `--scenario ${file}`, kinds);
  return { name: parsed.name, file, data: parsed };
}

export async function loadRates(file: string | undefined): Promise<RatesFile | undefined> {
  if (!file) return undefined;
  if (!existsSync(file)) throw new InputError(`--rates ${file}: no such file; give the county office's rates YAML file (see schema/rates.schema.json)`);
  const { validateFile } = await import('../rules/validate');
  const { RatesFile } = await import('../rules/all-schemas');
  return validateFile(RatesFile, file, `--rates ${file}`) as RatesFile;
}

export interface BargainOpts {
  roster: string;
  scenario?: string[];
  years?: string;
  rates?: string;
  year?: string;
  columns?: string;
  sheet?: string;
}

/** Build the coster (status quo first), then stream the roster through it, handing each person to onPerson. */
export async function runScenarios(a: Agreement, o: BargainOpts, io: Io, onPerson: (p: PersonResult, c: ScenarioCoster) => Promise<void> | void): Promise<ScenarioCoster> {
  const yearsText = (o.years ?? '3').trim();
  if (!/^\d+$/.test(yearsText)) throw new InputError(`--years ${JSON.stringify(o.years)}: not a whole number; give the school years to cost, 1 to 10 (for example 3)`);
  const scenarios = [statusQuo(a), ...(await Promise.all((o.scenario ?? []).map(loadScenario)))];
  const rates = await loadRates(o.rates);
  if (rates?.agreement && rates.agreement !== a.meta.id) throw new InputError(`--rates ${o.rates}: the rates file is for agreement "${rates.agreement}", but the rules loaded are "${a.meta.id}"`);
  const coster = new ScenarioCoster(a, scenarios, { years: Number(yearsText), baseYear: o.year, rates });
  const map = o.columns !== undefined ? await parseColumnMap(o.columns, SCENARIO_COLUMNS) : undefined;
  // every person is priced under every scenario for every year, in exact decimals: batches of ~4 KB
  // of roster (retro.ts says why) and a heap kept near its live data (boundHeapGrowth)
  if (io.ownsProcess) boundHeapGrowth();
  for await (const r of readCsv(o.roster, '--roster', io.stdin, { sheet: o.sheet, columns: { known: SCENARIO_COLUMNS, map }, batchBytes: 4096 })) {
    if ('header' in r) continue;
    await onPerson(coster.person(r), coster);
  }
  return coster;
}

export { bufferedWriter };

/** The blank rows of a roster (the rows a sheet keeps at its end: a million for a far last row) as one
 *  line: how many, and the first five row numbers. */
export class BlankRows {
  count = 0;
  private readonly first: number[] = [];
  add(row: number): void {
    if (++this.count <= 5) this.first.push(row);
  }
  /** 'N blank rows skipped (rows a, b, c, d, e, ...)', or undefined for none */
  line(): string | undefined {
    const n = this.count;
    if (!n) return undefined;
    return `${n} blank row${n === 1 ? '' : 's'} skipped (row${n === 1 ? '' : 's'} ${this.first.join(', ')}${n > this.first.length ? ', ...' : ''})`;
  }
}
