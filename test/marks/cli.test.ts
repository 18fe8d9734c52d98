import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryCsv, unitCsv } from './support.js';

const run = promisify(execFile);
let dir: string;

async function cymorth(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'db.sqlite'),
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        ...env,
      },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cymorth-marks-cli-'));
  await cymorth(['seed']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cymorth marks, import and units', () => {
  it('prints the demo centre units as the IAMIS menu words them, in English and Welsh', async () => {
    const en = await cymorth(['marks', 'status', '--centre', '68123']);
    expect(en.stdout).toContain(
      'GCSE NOVEMBER 2026 English Language Unit 1 Oracy (3700U1)\tALL MARKS SUBMITTED (24)',
    );
    expect(en.stdout).toContain('ENTER MARKS (9 DONE, 9 LEFT)');
    const cy = await cymorth(['marks', 'status', '--centre', '68123'], { CYMORTH_LANG: 'cy' });
    expect(cy.stdout).toContain("Iaith Saesneg Uned 1 Llafaredd (3700U1)\tPOB MARC WEDI'I GYFLWYNO (24)");
  });

  it('prints a marksheet with totals, initials and the sample', async () => {
    const sheet = await cymorth(['marks', 'sheet', '--centre', '68123', '--unit', '1']);
    const lines = sheet.stdout.trim().split('\n');
    expect(lines[0]).toBe('candidate\tname\ttask_1\ttask_2\ttotal\tinitials\tsample');
    expect(lines).toHaveLength(25);
    expect(lines[1]).toMatch(/^1012\tAP GWILYM:DAFYDD\t12\t10\t22\tGR\tyes$/);
  });

  it('imports units and entries from files, refuses a bad file whole, and appoints a moderator', async () => {
    writeFileSync(join(dir, 'units.csv'), unitCsv({ series: 'GCSE JUNE 2028', code: '4100U1' }));
    expect((await cymorth(['import', 'units', join(dir, 'units.csv')])).stdout).toContain(
      'imported 1 units: 1 new',
    );
    writeFileSync(join(dir, 'entries.csv'), entryCsv('4100U1', '66410', 4));
    expect((await cymorth(['import', 'entries', join(dir, 'entries.csv')])).stdout).toContain(
      'imported 4 entries',
    );
    writeFileSync(
      join(dir, 'bad.csv'),
      `${entryCsv('4100U1', '66410', 1)}\nGCSE JUNE 2028,4100U1,66410,77777,X:Y,2010-01-01`,
    );
    const bad = await cymorth(['import', 'entries', join(dir, 'bad.csv')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('row 3 candidate_number: A candidate number is 4 digits');
    const status = await cymorth(['marks', 'status', '--centre', '66410']);
    expect(status.stdout).toMatch(/\(4100U1\)\tENTER MARKS \(0 DONE, 4 LEFT\)/);
    const id = status.stdout
      .split('\n')
      .find((l) => l.includes('4100U1'))
      ?.split('\t')[0] as string;
    const notMod = await cymorth([
      'units',
      'assign-moderator',
      '--centre',
      '66410',
      '--unit',
      id,
      '--email',
      'cefnogi@cymorth.localhost',
    ]);
    expect(notMod.stderr).toContain('is not a moderator');
    const ok = await cymorth([
      'units',
      'assign-moderator',
      '--centre',
      '66410',
      '--unit',
      id,
      '--email',
      'cymedrolwr@cymorth.localhost',
    ]);
    expect(ok.stdout).toContain(`cymedrolwr@cymorth.localhost moderates unit ${id} at 66410`);
  });
});
