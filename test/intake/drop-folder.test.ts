import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { drainDropFolder, dropDirOf, startDropFolder } from '../../src/intake/drop-folder.js';
import type { IngestResult } from '../../src/intake/result.js';
import { createHarness, type Harness } from '../support/harness.js';
import { eml, englishBody } from './support/mail.js';

let h: Harness;
let dir: string;
beforeEach(async () => {
  h = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'cymorth-drop-'));
});
afterEach(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('drop folder', () => {
  it('defaults to DATA_DIR/mail/inbox', () => {
    expect(dropDirOf(loadConfig({ DATA_DIR: '/srv/cymorth' }))).toBe('/srv/cymorth/mail/inbox');
    expect(dropDirOf(loadConfig({ MAIL_DROP_DIR: '/in' }))).toBe('/in');
  });

  it('reads each .eml in name order and moves it to processed/ or set-aside/', async () => {
    writeFileSync(
      join(dir, '1-request.eml'),
      await eml({ subject: 'Change of Exams Officer', text: englishBody() }),
    );
    writeFileSync(join(dir, '2-trip.eml'), await eml({ subject: 'Museum', text: 'Friday?' }));
    writeFileSync(join(dir, 'notes.txt'), 'not mail');
    const seen: [string, string][] = [];
    const n = await drainDropFolder(h.ctx, { dir, onResult: (f, r) => seen.push([f, r.outcome]) });
    expect(n).toBe(2);
    expect(seen).toEqual([
      ['1-request.eml', 'created'],
      ['2-trip.eml', 'set_aside'],
    ]);
    expect(readdirSync(join(dir, 'processed'))).toEqual(['1-request.eml']);
    expect(readdirSync(join(dir, 'set-aside'))).toEqual(['2-trip.eml']);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'processed', 'set-aside']);
  });

  it('a file read again after a crash before its move is a duplicate, moved to processed/', async () => {
    const bytes = await eml({ subject: 'Change of Exams Officer', text: englishBody() });
    writeFileSync(join(dir, 'a.eml'), bytes);
    await drainDropFolder(h.ctx, { dir });
    writeFileSync(join(dir, 'a.eml'), bytes);
    const seen: IngestResult[] = [];
    await drainDropFolder(h.ctx, { dir, onResult: (_, r) => seen.push(r) });
    expect(seen.map((r) => r.outcome)).toEqual(['duplicate']);
  });

  it('polls until stopped, picking up a file that arrives later', async () => {
    let arrived: (r: IngestResult) => void = () => undefined;
    const got = new Promise<IngestResult>((resolve) => {
      arrived = resolve;
    });
    const stop = startDropFolder(h.ctx, { dir, pollMs: 10, onResult: (_, r) => arrived(r) });
    writeFileSync(
      join(dir, 'late.eml'),
      await eml({ subject: 'Change of Exams Officer', text: englishBody() }),
    );
    const result = await got;
    await stop();
    expect(result.outcome).toBe('created');
    expect(readdirSync(join(dir, 'processed'))).toEqual(['late.eml']);
  });
});
