import * as z from 'zod';
import { COMPUTATIONS } from './computations';
import { lazyFile } from '../../rules/schema';

export const CheckFile = lazyFile(() => {
  const Value = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);


  return z
    .object({
      $schema: z.string().optional(),
      cases: z
        .array(
          z
            .object({
              name: z.string().min(1),
              run: z.enum(COMPUTATIONS),
              args: z.array(z.union([z.string(), z.number()])).optional().describe('positional arguments: stipend ids, a deadline name'),
              input: z.record(z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'an input is named as its CLI flag: class, step, daysServed or days-served'), Value).default({}),
              expect: z.record(z.string(), z.unknown()).optional(),
              exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
              error: z.string().optional().describe('expected error message (a substring), with exitCode 2'),
            })
            .strict()
            .refine((c) => c.expect !== undefined || c.error !== undefined || c.exitCode !== undefined, { message: 'a case needs expect (fields), error or exitCode', path: ['expect'] }),
        )
        .min(1),
    })
    .strict();
});
export type CheckFile = z.infer<typeof CheckFile>;
export type CheckCase = CheckFile['cases'][number];
