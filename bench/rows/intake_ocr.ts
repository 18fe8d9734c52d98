import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { seedDemo } from '../../src/db/demo.js';
import { openNodeDatabase } from '../../src/db/node.js';
import { fsBlobStore } from '../../src/files/fs-blob-store.js';
import { ingest } from '../../src/intake/pipeline.js';
import { queueOnlyMailer } from '../../src/mail/mailer.js';
import { tesseractFromConfig } from '../../src/ocr/tesseract.js';
import { withMessageId } from '../intake/message.js';
import { scanMessage } from '../intake/scan.js';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { tempDir } from '../lib/server.js';

const OURS = 16;
const BARE = 8;
const runFile = promisify(execFile);

const what = `scanned letters, messages/s: a short note with a one-page 200 dpi JPEG letter through the whole pipeline (parse, OCR with tesseract cym+eng, extract, validate, store, reply queued), ${OURS} messages; bare = tesseract on the same JPEG with the same languages and thread limit, ${BARE} runs before ours and ${BARE} after (mean)`;

async function bareRuns(jpeg: Buffer, dir: string, count: number): Promise<number> {
  const file = join(dir, 'scan.jpg');
  writeFileSync(file, jpeg);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await runFile('/usr/bin/tesseract', [file, 'stdout', '-l', 'cym+eng', '--psm', '3'], {
      env: { OMP_THREAD_LIMIT: '1' },
    });
  }
  return count / ((performance.now() - started) / 1000);
}

async function oursRuns(raw: Buffer, dir: string, count: number): Promise<number> {
  const config = loadConfig({ DATABASE_PATH: join(dir, 'ocr.sqlite'), DATA_DIR: dir, DEMO_SEED: 'false' });
  const database = await openNodeDatabase(config.DATABASE_PATH);
  const ctx: AppContext = {
    db: database.db,
    clock: fixedClock('2026-01-01T09:00:00Z'),
    config,
    logger: pino({ level: 'silent' }),
    blobs: fsBlobStore(dir),
    mailer: queueOnlyMailer,
    ocr: tesseractFromConfig(config),
  };
  try {
    await seedDemo(ctx);
    // One message first, untimed: it loads the mail and PDF libraries.
    await ingest(ctx, withMessageId(raw, 99_999_999));
    const started = performance.now();
    for (let i = 1; i <= count; i++) {
      const result = await ingest(ctx, withMessageId(raw, i));
      if (
        result.outcome !== 'created' ||
        result.missing.length > 0 ||
        result.fields.new_eo_name !== 'Joanne Price'
      )
        throw new Error(`bench scan not read as a complete request: ${JSON.stringify(result)}`);
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await database.close();
  }
}

async function run(): Promise<BenchRow> {
  const dir = tempDir('cymorth-bench-ocr-');
  try {
    const { raw, jpeg } = await scanMessage();
    // The bare side runs before and after ours and is averaged, as the machine's load drifts.
    const before = await bareRuns(jpeg, dir.path, BARE);
    const ours = await oursRuns(raw, dir.path, OURS);
    const after = await bareRuns(jpeg, dir.path, BARE);
    return benchRow({
      id: 'intake_ocr',
      what,
      ours,
      bare: (before + after) / 2,
      unit: 'msg/s',
      p99_ms: null,
      rss_mb: null,
      target: { ratio_min: 0.8 },
      detail: {
        jpeg_bytes: jpeg.length,
        message_bytes: raw.length,
        bare_before_per_s: Math.round(before * 100) / 100,
        bare_after_per_s: Math.round(after * 100) / 100,
      },
    });
  } finally {
    dir.remove();
  }
}

const row: RowModule = { id: 'intake_ocr', what, run };
export default row;
