import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node.js';
import { outbox } from '../../src/db/schema/index.js';

const CORPUS = resolve(import.meta.dirname, '../../../shared/corpus/eml');
const NO_REPLY_LABELS = new Set(['auto_reply', 'bounce', 'bulk_or_list']);
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'cymorth-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(existsSync(CORPUS))('the real-mail corpus through `cymorth ingest`', () => {
  it('gives every message an outcome, never crashes, and never answers automatic or bulk mail', async () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    const labels = new Map(
      readFileSync(join(CORPUS, 'labels.tsv'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('\t') as [string, string]),
    );
    const database = join(dir, 'corpus.sqlite');
    const { stdout } = await run(
      process.execPath,
      [resolve(import.meta.dirname, '../../bin/cymorth.mjs'), 'ingest', ...files.map((f) => join(CORPUS, f))],
      {
        env: { ...process.env, DATABASE_PATH: database, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(files.length);
    const keys = [
      'message_id',
      'outcome',
      'reason',
      'reference',
      'status',
      'language',
      'fields',
      'letterhead',
      'missing',
      'checks',
      'reply',
    ];
    lines.forEach((line, i) => {
      expect(Object.keys(line), files[i]).toEqual(keys);
      expect(['created', 'joined', 'duplicate', 'set_aside'], files[i]).toContain(line.outcome);
      if (NO_REPLY_LABELS.has(labels.get(files[i] ?? '') ?? '')) expect(line.reply, files[i]).toBeNull();
    });
    // Nothing in the corpus is a change of Exams Officer, so nothing at all was answered.
    const db = await openNodeDatabase(database);
    try {
      expect(await db.db.select().from(outbox)).toHaveLength(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
