// placeholder until the spreadsheet library lands
import { InputError } from '../core/errors';
export async function readXlsxTable(_bytes: Uint8Array, name: string, _sheet?: string): Promise<{ rows: string[][]; sheet: string; ref: (r: number, c: number) => string }> {
  throw new InputError(`${name}: reading .xlsx is not built yet: export the sheet as CSV`);
}
