import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { tempDir } from '../lib/server.js';

const OURS = 2000;
const BARE = 250;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const what = `mail intake, messages/s: a 60 KB request with a 40 KB PDF letterhead through the whole pipeline (parse, extract incl. PDF text, validate, store on SQLite + blob dir, reply queued), ${OURS} messages; bare = mailparser simpleParser + unpdf extractText on the same message, ${BARE} messages before ours and ${BARE} after (mean); each side in its own process`;

interface ChildResult {
  per_s: number;
  rss_mb: number;
  message_bytes: number;
  pdf_bytes: number;
  rss_mb_at_500?: number;
  rss_mb_at_2000?: number;
}

function side(mode: 'ours' | 'bare', count: number, dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/intake/child.ts', mode, String(count), dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult);
      else reject(new Error(`bench/intake/child.ts ${mode} exited ${code}: ${err}`));
    });
  });
}

async function run(): Promise<BenchRow> {
  const dir = tempDir('cymorth-bench-intake-');
  try {
    // The bare side runs before and after ours and is averaged: the machine's load drifts over a
    // run of minutes, and one side measured only at the start or end would carry that drift.
    const bareBefore = await side('bare', BARE, dir.path);
    const ours = await side('ours', OURS, dir.path);
    const bareAfter = await side('bare', BARE, dir.path);
    const bare = { ...bareAfter, per_s: (bareBefore.per_s + bareAfter.per_s) / 2 };
    const at500 = ours.rss_mb_at_500 ?? null;
    const at2000 = ours.rss_mb_at_2000 ?? null;
    // "Flat": the peak after 2,000 messages is within 15% of the peak after 500.
    const flat = at500 !== null && at2000 !== null && at2000 <= at500 * 1.15;
    return benchRow({
      id: 'intake_pipeline',
      what,
      ours: ours.per_s,
      bare: bare.per_s,
      unit: 'msg/s',
      p99_ms: null,
      rss_mb: ours.rss_mb,
      target: { ratio_min: 0.5 },
      detail: {
        message_bytes: ours.message_bytes,
        pdf_bytes: ours.pdf_bytes,
        rss_mb_at_500: at500,
        rss_mb_at_2000: at2000,
        rss_flat: flat,
        bare_rss_mb: Math.round(bare.rss_mb * 10) / 10,
        bare_before_per_s: Math.round(bareBefore.per_s * 10) / 10,
        bare_after_per_s: Math.round(bareAfter.per_s * 10) / 10,
      },
    });
  } finally {
    dir.remove();
  }
}

const row: RowModule = { id: 'intake_pipeline', what, run };
export default row;
