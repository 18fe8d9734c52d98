import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';
import { ROOT, type ServerChild, spawnServer, tempDir } from '../lib/server.js';
import { prepareReportDatabase } from '../reports/setup.js';

const CANDIDATES = 500;
const LARGE = 5000;
const ROUNDS = 12;
const WARMUP = 3;
const path = (unit: number) => `/api/v1/centres/68123/units/${unit}/reports/candidates.pdf?lang=en`;

const what = `candidate details PDF for ${CANDIDATES} candidates, reports/s: ours = GET .../units/{unit}/reports/candidates.pdf through HTTP (the npm start bundle); bare = node:http + pdfkit alone drawing the same ${CANDIDATES} rows with the same parsed Noto Sans; one request at a time, ${ROUNDS} rounds alternating after ${WARMUP} warm-up each, median round each side; RSS = our server's peak after the ${CANDIDATES}-candidate rounds, and a fresh server's after two ${LARGE}-candidate reports`;

/** One whole answer, read to the end; its time in ms. */
async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf')
    throw new Error(`${url} answered ${res.status}: ${new TextDecoder().decode(body).slice(0, 300)}`);
  return { ms: performance.now() - started, bytes: body.byteLength };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

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
    const rowsFile = join(dir.path, 'rows-500.json');
    const small = await prepareReportDatabase(dir.path, CANDIDATES, rowsFile);
    const large = await prepareReportDatabase(dir.path, LARGE, join(dir.path, 'rows-5000.json'));

    const ours = await spawnServer({
      entry: 'build/server/server.mjs',
      env: serverEnv(small.path, dir.path),
    });
    servers.push(ours);
    const bare = await spawnServer({ entry: 'bench/servers/bare-report.ts', env: { ROWS_FILE: rowsFile } });
    servers.push(bare);
    const auth = { authorization: `Bearer ${small.token}` };
    for (let i = 0; i < WARMUP; i++) {
      await timed(`${ours.url}${path(small.unit)}`, auth);
      await timed(`${bare.url}/report`, {});
    }
    // Alternating, so a burst of load from elsewhere on the machine hits both sides alike.
    const oursMs: number[] = [];
    const bareMs: number[] = [];
    let bytes = 0;
    let bareBytes = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const o = await timed(`${ours.url}${path(small.unit)}`, auth);
      const b = await timed(`${bare.url}/report`, {});
      oursMs.push(o.ms);
      bareMs.push(b.ms);
      bytes = o.bytes;
      bareBytes = b.bytes;
    }
    const rss500 = peakRssMb(ours.pid);
    const bareRss = peakRssMb(bare.pid);
    await ours.stop();

    const big = await spawnServer({ entry: 'build/server/server.mjs', env: serverEnv(large.path, dir.path) });
    servers.push(big);
    const bigAuth = { authorization: `Bearer ${large.token}` };
    const first = await timed(`${big.url}${path(large.unit)}`, bigAuth);
    const second = await timed(`${big.url}${path(large.unit)}`, bigAuth);
    const rss5000 = peakRssMb(big.pid);

    return benchRow({
      id: 'report_candidates',
      what,
      ours: 1000 / median(oursMs),
      bare: 1000 / median(bareMs),
      unit: 'reports/s',
      p99_ms: null,
      rss_mb: rss500,
      target: { ratio_min: 0.67 },
      detail: {
        ours_ms: oursMs.map(Math.round),
        bare_ms: bareMs.map(Math.round),
        pdf_bytes_500: bytes,
        bare_pdf_bytes_500: bareBytes,
        rss_mb_at_500: rss500 === null ? null : Math.round(rss500),
        rss_mb_at_5000: rss5000 === null ? null : Math.round(rss5000),
        ms_5000: [Math.round(first.ms), Math.round(second.ms)],
        pdf_bytes_5000: second.bytes,
        bare_rss_mb: bareRss === null ? null : Math.round(bareRss),
      },
    });
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    dir.remove();
  }
}

const row: RowModule = { id: 'report_candidates', what, run };
export default row;
