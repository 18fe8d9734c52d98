import Database from 'libsql';
import { benchUnit, marksServer, median, sendAs, versions } from '../lib/marks.js';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';
import { spawnServer } from '../lib/server.js';

const CANDIDATES = 300;
const CELLS = CANDIDATES * 2;
const ROUNDS = 15;
const WARM_UP = 10;

const what = `PUT /centres/:number/units/:unit/marks with ${CANDIDATES} rows of 2 components (${CELLS} cells, every cell parsed, version-guarded, audited, every row answered) over HTTP (the npm start bundle, one kept-alive node:http connection), median of ${ROUNDS} rounds after ${WARM_UP} to warm up; bare = the same ${CANDIDATES} rows' marks written through libsql, the same driver, as one prepared UPDATE a row in one transaction, median of the same rounds (alternating); detail.bare_http = bench/servers/bare-marks.ts (bare Hono taking the same PUT over HTTP and making the same writes, no validation, guard or audit) and ours against it`;

/** The same cells a save writes: each row's marks JSON and version, one prepared UPDATE a row. */
function bareOnce(database: string, round: number): number {
  const sqlite = new Database(database);
  try {
    sqlite.exec('PRAGMA busy_timeout = 5000');
    const ids = sqlite
      .prepare(
        "select e.id from entries e join marksheets s on s.id = e.marksheet_id join units u on u.id = s.unit_id where u.code = '8801U1' order by e.id",
      )
      .all() as { id: number }[];
    const update = sqlite.prepare(
      'update entries set marks = ?, version = version + 1, updated_at = ? where id = ?',
    );
    const started = performance.now();
    sqlite.exec('BEGIN IMMEDIATE');
    ids.forEach(({ id }, i) => {
      update.run([
        JSON.stringify({ task_1: (i + round) % 41, task_2: (i * 3 + round) % 41 }),
        Date.now(),
        id,
      ]);
    });
    sqlite.exec('COMMIT');
    return CELLS / ((performance.now() - started) / 1000);
  } finally {
    sqlite.close();
  }
}

async function run(): Promise<BenchRow> {
  const m = await marksServer();
  const bareHttp = await spawnServer({
    entry: 'bench/servers/bare-marks.ts',
    env: { DATABASE_PATH: m.database },
  });
  try {
    const base = await benchUnit(m, '8801U1', CANDIDATES);
    const ours: number[] = [];
    const bare: number[] = [];
    const overHttp: number[] = [];
    // Warm-up rounds first (JIT, statement caches); only the later rounds count.
    for (let round = -WARM_UP; round < ROUNDS; round++) {
      const rows = (await versions(m, base)).map((r, i) => ({
        candidate_number: r.candidate_number,
        marks: { task_1: (i + round + 50) % 41, task_2: String((i * 7 + round + 50) % 41) },
        version: r.version,
      }));
      let started = performance.now();
      const answer = await sendAs(m.server, m.eo, 'PUT', `${base}/marks`, { rows });
      const seconds = (performance.now() - started) / 1000;
      if (answer.saved !== CELLS) throw new Error(`saved ${String(answer.saved)} of ${CELLS} cells`);
      started = performance.now();
      await sendAs(bareHttp, '', 'PUT', `${base}/marks`, { rows });
      const httpSeconds = (performance.now() - started) / 1000;
      const bareRate = bareOnce(m.database, round);
      if (round < 0) continue;
      ours.push(CELLS / seconds);
      bare.push(bareRate);
      overHttp.push(CELLS / httpSeconds);
    }
    return benchRow({
      id: 'marks_save',
      what,
      ours: median(ours),
      bare: median(bare),
      unit: 'cells/s',
      p99_ms: null,
      rss_mb: peakRssMb(m.server.pid),
      target: { ratio_min: 0.4 },
      detail: {
        ours_runs: ours.map(Math.round),
        bare_runs: bare.map(Math.round),
        bare_http: Math.round(median(overHttp)),
        ratio_vs_bare_http: Math.round((median(ours) / median(overHttp)) * 1000) / 1000,
        bare_http_runs: overHttp.map(Math.round),
        candidates: CANDIDATES,
      },
    });
  } finally {
    await bareHttp.stop();
    await m.close();
  }
}

const row: RowModule = { id: 'marks_save', what, run };
export default row;
