// The JSON Schemas under schema/ (for editors) are the zod schemas of the rules files, as published.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import * as S from '../../src/rules/all-schemas';
import { CheckFile } from '../../src/batch/check/schema';
import { ScenarioFile } from '../../src/batch/scenario-schema';
import { ROOT } from '../helpers/contract';

describe('schema/*.schema.json', () => {
  it.each([
    ['agreement', S.AgreementFile], ['schedule', S.ScheduleFile], ['stipend', S.StipendsFile], ['leave', S.LeavesFile],
    ['deadline', S.DeadlinesFile], ['calendar', S.CalendarFile], ['closures', S.ClosuresFile], ['advancement', S.AdvancementFile], ['check', CheckFile], ['benefit', S.BenefitsFile], ['rates', S.RatesFile], ['scenario', ScenarioFile],
  ] as const)('%s matches its zod schema', (name, schema) => {
    const file = JSON.parse(readFileSync(join(ROOT, 'schema', `${name}.schema.json`), 'utf8'));
    expect(file).toEqual(z.toJSONSchema(schema as z.ZodTypeAny, { io: 'input', unrepresentable: 'any' }));
    if (name !== 'check' && name !== 'closures' && name !== 'rates' && name !== 'scenario') expect(JSON.stringify(file)).toContain('"quote"'); // citations are required fields
  });
});
