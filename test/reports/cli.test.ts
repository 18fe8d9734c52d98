import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryCsv, unitCsv } from '../marks/support.js';
import { cymorth, scratch } from '../support/child.js';
import { readPdf } from './pdf.js';

const s = scratch();
const env = { DATABASE_PATH: s.db, DATA_DIR: s.dir };
afterAll(() => s.remove());

describe('cymorth report candidates|moderator', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    expect((await cymorth(['seed', '--demo'], env)).code).toBe(0);
    writeFileSync(join(s.dir, 'units.csv'), unitCsv({ code: '3700U1' }));
    writeFileSync(join(s.dir, 'entries.csv'), entryCsv('3700U1', '68123', 12));
    expect((await cymorth(['import', 'units', join(s.dir, 'units.csv')], env)).code).toBe(0);
    expect((await cymorth(['import', 'entries', join(s.dir, 'entries.csv')], env)).code).toBe(0);
  });

  it('writes the candidate details report in Welsh to --out', async () => {
    const out = join(s.dir, 'ymgeiswyr.pdf');
    const res = await cymorth(
      ['report', 'candidates', '--centre', '68123', '--unit', '1', '--lang', 'cy', '--out', out],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(out);
    const pdf = await readPdf(readFileSync(out));
    try {
      expect(pdf.text).toContain('Adroddiad manylion ymgeiswyr');
      for (let n = 1001; n <= 1012; n++) expect(pdf.text).toContain(String(n));
      expect(pdf.info.Tagged).toBe('yes');
    } finally {
      await pdf.close();
    }
  });

  it('writes the moderator report, and names what is wrong with bad options', async () => {
    const out = join(s.dir, 'moderator.pdf');
    const ok = await cymorth(['report', 'moderator', '--centre', '68123', '--unit', '1', '--out', out], env);
    expect(ok.code, ok.stderr).toBe(0);
    const pdf = await readPdf(readFileSync(out));
    try {
      expect(pdf.text).toContain("Moderator's report");
    } finally {
      await pdf.close();
    }
    const lang = await cymorth(
      ['report', 'candidates', '--centre', '68123', '--unit', '1', '--lang', 'de', '--out', out],
      env,
    );
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain('--lang must be cy, en or both');
    const unit = await cymorth(
      ['report', 'candidates', '--centre', '68123', '--unit', '99', '--out', out],
      env,
    );
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('Centre 68123 has no entries for unit 99.');
  });
});
