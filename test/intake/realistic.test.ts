import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapReader } from '../../src/intake/imap/reader.js';
import { ingest } from '../../src/intake/pipeline.js';
import type { IngestResult } from '../../src/intake/result.js';
import { type PrivateDovecot, startPrivateDovecot } from '../support/dovecot.js';
import { createHarness } from '../support/harness.js';
import { REALISTIC } from './support/realistic.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'cymorth-realistic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectRead(result: IngestResult, i: number) {
  const m = REALISTIC[i];
  if (!m) throw new Error(`no message ${i}`);
  expect(result.fields, m.name).toMatchObject(m.expected);
  expect(result.language, m.name).toBe(m.language);
  expect(result.reply?.language, m.name).toBe(m.language === 'cy' ? 'cy' : 'bilingual');
}

describe('messages of our own making through `cymorth ingest`', () => {
  it('reads each as a support officer would', async () => {
    const files = await Promise.all(
      REALISTIC.map(async (m, i) => {
        const file = join(dir, `realistic-${i}.eml`);
        writeFileSync(file, await m.raw());
        return file;
      }),
    );
    const { stdout } = await run(
      process.execPath,
      [resolve(import.meta.dirname, '../../bin/cymorth.mjs'), 'ingest', ...files],
      {
        env: {
          ...process.env,
          DATABASE_PATH: join(dir, 'cli.sqlite'),
          DATA_DIR: join(dir, 'data'),
          LOG_LEVEL: 'error',
        },
      },
    );
    const results = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as IngestResult);
    expect(results).toHaveLength(REALISTIC.length);
    results.forEach(expectRead);
  }, 60_000);
});

describe('the same messages from the private Dovecot', () => {
  let dovecot: PrivateDovecot;
  beforeAll(async () => {
    dovecot = await startPrivateDovecot();
  });
  afterAll(async () => {
    await dovecot?.close();
  });

  it('reads each as a support officer would', async () => {
    const h = await createHarness();
    const raws = await Promise.all(REALISTIC.map((m) => m.raw()));
    const c = await dovecot.client();
    await c.mailboxCreate('realistic');
    await c.logout();
    await dovecot.deliver(raws, 'realistic');
    const seen: IngestResult[] = [];
    const reader = startImapReader(h.ctx, {
      url: dovecot.url('realistic'),
      doneFolder: 'realistic-done',
      pollMs: 60_000,
      ingest: async (ctx, bytes, origin) => {
        const result = await ingest(ctx, bytes, origin);
        seen.push(result);
        return result;
      },
    });
    try {
      while (seen.length < REALISTIC.length) await once(reader.events, 'read');
      seen.forEach(expectRead);
    } finally {
      await reader.stop();
      h.close();
    }
  }, 60_000);
});
