import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { combine, type LoadResult, runLoad } from '../lib/load.js';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';
import { ROOT, type ServerChild, spawnServer, tempDir } from '../lib/server.js';

const CONNECTIONS = 50;
const WARMUP_SEC = 5;
const ROUND_SEC = 5;
const ROUNDS = 4;
const PATH = '/api/v1/centres/68123';

const what = `authenticated GET ${PATH}, ${CONNECTIONS} connections, ${ROUNDS}×${ROUND_SEC} s each side alternating, median round (wrk, loopback); bare = Hono + @hono/node-server + libsql point lookup (statement prepared once)`;

/** The support token from `cymorth seed --demo`'s lines: `what<TAB>email<TAB>token`. */
function supportToken(stdout: string): string {
  const token = stdout.match(/^centre support staff\t\S+\t(cym_[\w-]+)$/m)?.[1];
  if (!token) throw new Error(`no demo token in the seed's output:\n${stdout}`);
  return token;
}

async function run(): Promise<BenchRow> {
  const dir = tempDir();
  const database = join(dir.path, 'bench.sqlite');
  const servers: ServerChild[] = [];
  try {
    // What `npm start` runs: the bundled server, on the demo database. The demo is seeded first by
    // `cymorth seed --demo`, so the RSS measured is the server answering, not the one-off seeding of a
    // first start (seven argon2id passwords at 19 MiB each, the marks cohorts, the demo letters).
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const seeded = execFileSync(process.execPath, ['bin/cymorth.mjs', 'seed', '--demo'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: database, DATA_DIR: dir.path, LOG_LEVEL: 'silent' },
    }).toString();
    const ours = await spawnServer({
      entry: 'build/server/server.mjs',
      env: { DATABASE_PATH: database, DATA_DIR: dir.path, LOG_LEVEL: 'warn', DEMO_SEED: 'false' },
    });
    servers.push(ours);
    const bare = await spawnServer({
      entry: 'bench/servers/bare-centre.ts',
      env: { DATABASE_PATH: database },
    });
    servers.push(bare);
    const headers = { authorization: `Bearer ${supportToken(seeded)}` };

    const check = await fetch(`${ours.url}${PATH}`, { headers });
    if (check.status !== 200) throw new Error(`our server answered ${check.status}: ${await check.text()}`);

    const load = (s: ServerChild) =>
      runLoad({ url: `${s.url}${PATH}`, headers, connections: CONNECTIONS, durationSec: ROUND_SEC });
    await runLoad({ url: `${ours.url}${PATH}`, headers, connections: CONNECTIONS, durationSec: WARMUP_SEC });
    await runLoad({ url: `${bare.url}${PATH}`, headers, connections: CONNECTIONS, durationSec: WARMUP_SEC });
    // Alternating rounds, so a burst of load from elsewhere on the machine hits both sides alike.
    const oursRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      oursRuns.push(await load(ours));
      bareRuns.push(await load(bare));
    }
    const o = combine(oursRuns);
    const b = combine(bareRuns);
    if (o.errors || o.non2xx) throw new Error(`our server failed requests: ${JSON.stringify(o)}`);
    return benchRow({
      id: 'centre_lookup',
      what,
      ours: o.reqPerSec,
      bare: b.reqPerSec,
      unit: 'req/s',
      p99_ms: o.p99_ms,
      rss_mb: peakRssMb(ours.pid),
      target: { ratio_min: 0.7, p99_ms_max: 10, rss_mb_max: 150 },
      detail: {
        ours_runs: oursRuns.map((r) => Math.round(r.reqPerSec)),
        bare_runs: bareRuns.map((r) => Math.round(r.reqPerSec)),
        ours_p99_runs_ms: oursRuns.map((r) => r.p99_ms),
        bare_p99_runs_ms: bareRuns.map((r) => r.p99_ms),
        ours_p50_ms: o.p50_ms,
        bare_p99_ms: b.p99_ms,
        bare_rss_mb: peakRssMb(bare.pid),
        ours_requests: o.requests,
        bare_requests: b.requests,
      },
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    dir.remove();
  }
}

const row: RowModule = { id: 'centre_lookup', what, run };
export default row;
