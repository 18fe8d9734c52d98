import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';
import { ROOT, type ServerChild, spawnServer, tempDir } from '../lib/server.js';
import { prepareReportDatabase } from '../reports/setup.js';

const CANDIDATES = 500;
const LARGE = 5000;
const REPORTS = 10;
const WARMUP = 3;

const what = `candidate details PDF, reports/s: GET .../units/{unit}/reports/candidates.pdf for ${CANDIDATES} candidates through HTTP (the npm start bundle, ${REPORTS} one after another after ${WARMUP} warm-up, whole body read); bare = pdfkit alone drawing the same ${CANDIDATES} rows with the same parsed Noto Sans, in its own process, before and after ours (mean); RSS = our server's peak after the ${CANDIDATES}-candidate run, and a fresh server's after ${LARGE}`;

interface Bare {
  per_s: number;
  rss_mb: number;
}

async function bare(rowsFile: string): Promise<Bare> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/reports/bare.ts', rowsFile, String(REPORTS)],
    { cwd: ROOT },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Bare;
}

async function fetchReport(server: ServerChild, token: string): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/centres/68123/units/1/reports/candidates.pdf?lang=en`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.arrayBuffer();
  if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf')
    throw new Error(`the report answered ${res.status}: ${new TextDecoder().decode(body).slice(0, 300)}`);
  return body.byteLength;
}

const serverEnv = (path: string, dir: string) => ({
  DATABASE_PATH: path,
  DATA_DIR: dir,
  LOG_LEVEL: 'warn',
  DEMO_SEED: 'false',
});

async function run(): Promise<BenchRow> {
  const dir = tempDir('cymorth-bench-reports-');
  const servers: ServerChild[] = [];
  try {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const rows500 = join(dir.path, 'rows-500.json');
    const small = await prepareReportDatabase(dir.path, CANDIDATES, rows500);
    const large = await prepareReportDatabase(dir.path, LARGE, join(dir.path, 'rows-5000.json'));

    const ours = await spawnServer({
      entry: 'build/server/server.mjs',
      env: serverEnv(small.path, dir.path),
    });
    servers.push(ours);
    const bareBefore = await bare(rows500);
    let bytes = 0;
    for (let i = 0; i < WARMUP; i++) bytes = await fetchReport(ours, small.token);
    const started = performance.now();
    for (let i = 0; i < REPORTS; i++) await fetchReport(ours, small.token);
    const oursPerS = REPORTS / ((performance.now() - started) / 1000);
    const bareAfter = await bare(rows500);
    const rss500 = peakRssMb(ours.pid);
    await ours.stop();

    const big = await spawnServer({ entry: 'build/server/server.mjs', env: serverEnv(large.path, dir.path) });
    servers.push(big);
    const bigBytes = await fetchReport(big, large.token);
    await fetchReport(big, large.token);
    const rss5000 = peakRssMb(big.pid);
    await big.stop();

    return benchRow({
      id: 'report_candidates',
      what,
      ours: oursPerS,
      bare: (bareBefore.per_s + bareAfter.per_s) / 2,
      unit: 'reports/s',
      p99_ms: null,
      rss_mb: rss500,
      target: { ratio_min: 0.67 },
      detail: {
        pdf_bytes_500: bytes,
        pdf_bytes_5000: bigBytes,
        rss_mb_at_500: rss500 === null ? null : Math.round(rss500),
        rss_mb_at_5000: rss5000 === null ? null : Math.round(rss5000),
        bare_before_per_s: Math.round(bareBefore.per_s * 100) / 100,
        bare_after_per_s: Math.round(bareAfter.per_s * 100) / 100,
        bare_rss_mb: Math.round(bareAfter.rss_mb),
      },
    });
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    dir.remove();
  }
}

const row: RowModule = { id: 'report_candidates', what, run };
export default row;
