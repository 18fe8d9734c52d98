import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/audit/record.js';
import { importCentres } from '../../src/centres/import.js';
import { findCentreByNumber } from '../../src/centres/queries.js';
import type { DomainError } from '../../src/errors.js';
import { createHarness, type Harness } from '../support/harness.js';

// How the file was saved: test/fixtures/uploads/README.md.
const excelFile = () =>
  new Uint8Array(
    readFileSync(join(import.meta.dirname, '../fixtures/uploads/excel-centres-comma-delimited.csv')),
  );

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('cymorth import centres, from a list Excel saved as "CSV (Comma delimited)"', () => {
  it('reads Windows-1252 and a two-line address, names the row where ŵ was lost, and imports nothing', async () => {
    const refused = (await importCentres(h.ctx, systemActor('test'), excelFile()).catch(
      (e) => e,
    )) as DomainError;
    expect(refused.code).toBe('import_failed');
    expect(refused.details).toEqual([{ row: 4, field: 'name', code: 'lost_character' }]);
    expect(await findCentreByNumber(h.ctx.db, '70101')).toBeUndefined();
  });

  it('imports the file once the lost letter is put back, keeping every accent', async () => {
    const fixed = Buffer.from(Buffer.from(excelFile()).toString('latin1').replace('G?yr', 'Gwyr'), 'latin1');
    const result = await importCentres(h.ctx, systemActor('test'), new Uint8Array(fixed));
    expect(result).toMatchObject({ created: 2 });
    expect(await findCentreByNumber(h.ctx.db, '70101')).toMatchObject({
      name: 'Ysgol Gymraeg Bro Môn',
      address: 'Ffordd yr Ysgol\nLlangefni LL77 7AA',
      headName: 'Siân Pennaeth',
    });
  });
});
