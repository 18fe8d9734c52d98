import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeAt } from '../../src/web/auth/totp.js';
import { combine, type LoadResult, runLoad } from '../lib/load.js';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';
import { ROOT, type ServerChild, spawnServer, tempDir } from '../lib/server.js';

const CANDIDATES = 300;
/** The JSON marksheet answers at most 100 rows a request (its `per_page`), so rows/s is compared. */
const JSON_ROWS = 100;
const CONNECTIONS = 4;
const ROUND_SEC = 5;
const ROUNDS = 3;
const EO = 'j.price@stteilos-demo.org.uk';

const what = `the signed-in marksheet page of a ${CANDIDATES}-candidate unit (per_page=${CANDIDATES}) over HTTP, against the JSON marksheet of the same unit (${JSON_ROWS} rows a request), rows/s, ${CONNECTIONS} connections, ${ROUNDS}×${ROUND_SEC} s each side alternating (wrk, loopback)`;

/** A 300-candidate unit at St Teilo's, imported with the `cymorth import` commands as an operator would. */
function importCohort(dir: string, database: string) {
  const units = join(dir, 'units.csv');
  const entries = join(dir, 'entries.csv');
  writeFileSync(
    units,
    'series,code,title,title_cy,components,teacher_initials,uploads,sample_deadline,submission_deadline,results_day\n' +
      'GCSE JUNE 2027,3710U1,English Literature Unit 1,Llenyddiaeth Saesneg Uned 1,Task 1:40;Task 2:40,yes,no,2027-05-07,2027-05-14,2027-08-26\n',
  );
  const rows = Array.from(
    { length: CANDIDATES },
    (_, i) =>
      `GCSE JUNE 2027,3710U1,66410,${5000 + i},SURNAME${i}:FORENAME${i},2010-0${1 + (i % 9)}-1${i % 10}`,
  );
  writeFileSync(
    entries,
    `series,code,centre_number,candidate_number,candidate_name,date_of_birth\n${rows.join('\n')}\n`,
  );
  const env = { ...process.env, DATABASE_PATH: database, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  for (const [what, file] of [
    ['units', units],
    ['entries', entries],
  ] as const)
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', what, file], {
      cwd: ROOT,
      env,
      stdio: 'ignore',
    });
}

/** Signs the demo EO in as a browser would (password, then enrolment with a computed code). */
async function signIn(base: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  let csrf = '';
  const go = async (path: string, form?: Record<string, string>) => {
    const res = await fetch(`${base}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams({ _csrf: csrf, ...form }) : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [name = '', value = ''] = (line.split(';')[0] ?? '').split('=');
      jar.set(name, value);
    }
    const text = await res.text();
    csrf = text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? csrf;
    return text;
  };
  await go('/sign-in');
  await go('/sign-in', { email: EO, password });
  const secret = ((await go('/enrol')).match(/id="secret"[^>]*>([^<]+)</)?.[1] ?? '').replace(/\s+/g, '');
  await go('/enrol', { code: codeAt(secret, new Date()) });
  return `cymorth_session=${jar.get('cymorth_session')}`;
}

async function run(): Promise<BenchRow> {
  const dir = tempDir();
  const database = join(dir.path, 'bench.sqlite');
  const servers: ServerChild[] = [];
  try {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const ours = await spawnServer({
      entry: 'build/server/server.mjs',
      env: { DATABASE_PATH: database, DATA_DIR: dir.path, LOG_LEVEL: 'warn', DEMO_SEED: 'true' },
    });
    servers.push(ours);
    importCohort(dir.path, database);
    const out = ours.stdout();
    const token = out.match(/EO of St Teilo's High School \(English\)\s+\S+\s+(cym_[\w-]+)/)?.[1];
    const password = out.match(new RegExp(`${EO.replace(/\./g, '\\.')}\\s+(\\S{16})$`, 'm'))?.[1];
    if (!token || !password) throw new Error(`no demo token or password in the server's output:\n${out}`);
    const bearer = { authorization: `Bearer ${token}` };
    const units = (await (
      await fetch(`${ours.url}/api/v1/centres/66410/units`, { headers: bearer })
    ).json()) as {
      data: { id: number; code: string }[];
    };
    const unit = units.data.find((u) => u.code === '3710U1')?.id;
    const cookie = { cookie: await signIn(ours.url, password) };
    const pageUrl = `${ours.url}/centres/66410/units/${unit}/marksheet?per_page=${CANDIDATES}`;
    const jsonUrl = `${ours.url}/api/v1/centres/66410/units/${unit}/marksheet?per_page=${JSON_ROWS}`;
    const page = await fetch(pageUrl, { headers: cookie });
    const body = await page.text();
    if (page.status !== 200 || (body.match(/data-candidate=/g) ?? []).length !== CANDIDATES)
      throw new Error(`the page did not show ${CANDIDATES} candidates: ${page.status}`);

    const load = (url: string, headers: Record<string, string>) =>
      runLoad({ url, headers, connections: CONNECTIONS, durationSec: ROUND_SEC });
    await load(pageUrl, cookie);
    await load(jsonUrl, bearer);
    const pageRuns: LoadResult[] = [];
    const jsonRuns: LoadResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      pageRuns.push(await load(pageUrl, cookie));
      jsonRuns.push(await load(jsonUrl, bearer));
    }
    const p = combine(pageRuns);
    const j = combine(jsonRuns);
    if (p.errors || p.non2xx || j.errors || j.non2xx)
      throw new Error(`failed requests: ${JSON.stringify({ p, j })}`);
    return benchRow({
      id: 'marksheet_page',
      what,
      ours: Math.round(p.reqPerSec * CANDIDATES),
      bare: Math.round(j.reqPerSec * JSON_ROWS),
      unit: 'rows/s',
      p99_ms: p.p99_ms,
      rss_mb: peakRssMb(ours.pid),
      target: { ratio_min: 0.5 },
      detail: {
        page_req_per_s: p.reqPerSec,
        json_req_per_s: j.reqPerSec,
        page_bytes: body.length,
        json_p99_ms: j.p99_ms,
        page_runs: pageRuns.map((r) => Math.round(r.reqPerSec)),
        json_runs: jsonRuns.map((r) => Math.round(r.reqPerSec)),
      },
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    dir.remove();
  }
}

const row: RowModule = { id: 'marksheet_page', what, run };
export default row;
