import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { ROOT, tempDir } from '../lib/server.js';

const ROUNDS = 11;

const what = `\`cymorth migrate\` on an up-to-date database, start to exit, median of ${ROUNDS} alternating rounds (the bundle already built); bare = plain node opening the same file with libsql and reading the migrations table; p99_ms = our slowest start`;

/** Wall time of one child process, start to exit, in milliseconds; throws if it fails. */
function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function run(): Promise<BenchRow> {
  const dir = tempDir();
  try {
    const env = { PATH: process.env.PATH, DATABASE_PATH: join(dir.path, 'cli.sqlite'), DATA_DIR: dir.path };
    const ours = ['bin/cymorth.mjs', 'migrate'];
    const bare = [
      '-e',
      "const D=require('libsql');const d=new D(process.env.DATABASE_PATH);d.prepare('select count(*) from __drizzle_migrations').get();d.close()",
    ];
    // The first command migrates the new database and builds the bundle if the sources changed.
    timed(ours, env);
    const oursMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      oursMs.push(timed(ours, env));
      bareMs.push(timed(bare, env));
    }
    return benchRow({
      id: 'cli_start',
      what,
      ours: 1000 / median(oursMs),
      bare: 1000 / median(bareMs),
      unit: 'starts/s',
      p99_ms: Math.max(...oursMs),
      rss_mb: null,
      // The bundle parses about 1.7 MB of JavaScript (our sources, zod, drizzle, commander) that a bare
      // libsql open does not; under a second is the promise (issue 17, item 10), the ratio what it costs.
      target: { ratio_min: 0.2, p99_ms_max: 1000 },
      detail: { ours_ms: oursMs.map(Math.round), bare_ms: bareMs.map(Math.round) },
    });
  } finally {
    dir.remove();
  }
}

const row: RowModule = { id: 'cli_start', what, run };
export default row;
