import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { series, units } from '../../src/db/schema/index.js';
import { buildNodeContext } from '../../src/node-context.js';
import { entryCsv, unitCsv } from '../marks/support.js';
import { cymorth, scratch } from '../support/child.js';
import { readPdf } from './pdf.js';

const s = scratch();
const env = { DATABASE_PATH: s.db, DATA_DIR: s.dir };
afterAll(() => s.remove());

describe('cymorth report candidates|moderator', { timeout: 120_000 }, () => {
  let unit = '';
  let demoUnit = '';
  beforeAll(async () => {
    expect((await cymorth(['seed', '--demo'], env)).code).toBe(0);
    // The demo's submitted oracy unit at Ysgol Gyfun Gŵyr, and a unit of our own not yet submitted.
    writeFileSync(join(s.dir, 'units.csv'), unitCsv({ code: '3700U1' }));
    writeFileSync(join(s.dir, 'entries.csv'), entryCsv('3700U1', '68123', 12));
    expect((await cymorth(['import', 'units', join(s.dir, 'units.csv')], env)).code).toBe(0);
    expect((await cymorth(['import', 'entries', join(s.dir, 'entries.csv')], env)).code).toBe(0);
    const { ctx, close } = await buildNodeContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    try {
      const idOf = async (seriesName: string) => {
        const row = await ctx.db
          .select({ id: units.id })
          .from(units)
          .innerJoin(series, eq(series.id, units.seriesId))
          .where(and(eq(units.code, '3700U1'), eq(series.name, seriesName)))
          .get();
        return String(row?.id);
      };
      unit = await idOf('GCSE JUNE 2028');
      demoUnit = await idOf('GCSE NOVEMBER 2026');
    } finally {
      await close();
    }
  });

  it('writes the candidate details report in Welsh to --out', async () => {
    const out = join(s.dir, 'ymgeiswyr.pdf');
    const res = await cymorth(
      ['report', 'candidates', '--centre', '68123', '--unit', unit, '--lang', 'cy', '--out', out],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(out);
    const pdf = await readPdf(readFileSync(out));
    try {
      expect(pdf.text).toContain('Adroddiad manylion ymgeiswyr');
      expect(pdf.text).toContain('CANDIDATE 11');
      expect(pdf.info.Tagged).toBe('yes');
    } finally {
      await pdf.close();
    }
  });

  it('refuses the moderator report before submission, and names what is wrong with bad options', async () => {
    const out = join(s.dir, 'moderator.pdf');
    const early = await cymorth(
      ['report', 'moderator', '--centre', '68123', '--unit', unit, '--out', out],
      env,
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('have not been submitted yet');
    const lang = await cymorth(
      ['report', 'candidates', '--centre', '68123', '--unit', unit, '--lang', 'de', '--out', out],
      env,
    );
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain('--lang must be cy, en or both');
    const missing = await cymorth(
      ['report', 'candidates', '--centre', '68123', '--unit', '99', '--out', out],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Centre 68123 has no entries for unit 99.');
  });

  it('writes the moderator report of a submitted unit, bilingual with --lang both', async () => {
    const out = join(s.dir, 'cymedrolwr.pdf');
    const res = await cymorth(
      ['report', 'moderator', '--centre', '68123', '--unit', demoUnit, '--lang', 'both', '--out', out],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    const pdf = await readPdf(readFileSync(out));
    try {
      expect(pdf.text).toContain("Adroddiad y cymedrolwr / Moderator's report");
      expect(pdf.text).toContain('Y sampl / The sample');
    } finally {
      await pdf.close();
    }
  });
});
