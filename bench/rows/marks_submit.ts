import Database from 'libsql';
import { benchUnit, marksServer, median, sendAs, versions } from '../lib/marks.js';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';

const CANDIDATES = 1000;
const SAMPLE = 25;
const ROUNDS = 7;

const what = `POST /centres/:number/units/:unit/submit for ${CANDIDATES} fully marked candidates over HTTP (completeness check, lock, sample of ${SAMPLE} drawn by the rule, one guarded write), median of ${ROUNDS} units; bare = a read of a twin unit's ${CANDIDATES} entry rows and a write of its ${SAMPLE} sample rows through libsql, the same driver, in one transaction, alternating`;

/** The essential work of a submission, on a twin unit with the same marks: read its rows, write its sample. */
function bareOnce(database: string, code: string): number {
  const sqlite = new Database(database);
  try {
    sqlite.exec('PRAGMA busy_timeout = 5000');
    const started = performance.now();
    const sheet = sqlite
      .prepare('select s.id from marksheets s join units u on u.id = s.unit_id where u.code = ?')
      .get([code]) as { id: number };
    const rows = sqlite
      .prepare(
        `select e.id, e.marks, e.initials, e.version, c.number from entries e join candidates c on c.id = e.candidate_id
         where e.marksheet_id = ? order by c.number`,
      )
      .all([sheet.id]) as { id: number; marks: string }[];
    const insert = sqlite.prepare(
      "insert into sample_members (marksheet_id, entry_id, reason, created_at) values (?, ?, 'system', ?)",
    );
    sqlite.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < SAMPLE; i++)
      insert.run([sheet.id, rows[Math.floor((i * (rows.length - 1)) / (SAMPLE - 1))]?.id, Date.now()]);
    sqlite.exec('COMMIT');
    return CANDIDATES / ((performance.now() - started) / 1000);
  } finally {
    sqlite.close();
  }
}

/** A unit of CANDIDATES candidates, every one marked (every 97th absent), three teachers. */
async function markedUnit(m: Awaited<ReturnType<typeof marksServer>>, code: string) {
  const base = await benchUnit(m, code, CANDIDATES);
  const rows = (await versions(m, base)).map((r, i) => ({
    candidate_number: r.candidate_number,
    marks: i % 97 === 0 ? { task_1: 'A', task_2: 'A' } : { task_1: (i * 7) % 41, task_2: (i * 11) % 41 },
    initials: ['AB', 'CD', 'EF'][i % 3],
    version: r.version,
  }));
  await sendAs(m.server, m.eo, 'PUT', `${base}/marks`, { rows });
  return base;
}

async function run(): Promise<BenchRow> {
  const m = await marksServer();
  try {
    const ours: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS + 1; round++) {
      const base = await markedUnit(m, `${8900 + round}U1`);
      await markedUnit(m, `${8900 + round}U2`);
      const bareRate = bareOnce(m.database, `${8900 + round}U2`);
      const started = performance.now();
      const answer = await sendAs(m.server, m.eo, 'POST', `${base}/submit`, { candidates_informed: true });
      const seconds = (performance.now() - started) / 1000;
      if ((answer.data as unknown[]).length !== SAMPLE)
        throw new Error(`sample of ${(answer.data as unknown[]).length}`);
      // The first unit warms up the server; it does not count.
      if (round === 0) continue;
      ours.push(CANDIDATES / seconds);
      bare.push(bareRate);
    }
    return benchRow({
      id: 'marks_submit',
      what,
      ours: median(ours),
      bare: median(bare),
      unit: 'candidates/s',
      p99_ms: null,
      rss_mb: peakRssMb(m.server.pid),
      target: { ratio_min: 0.3 },
      detail: {
        ours_runs: ours.map(Math.round),
        bare_runs: bare.map(Math.round),
        candidates: CANDIDATES,
        sample: SAMPLE,
      },
    });
  } finally {
    await m.close();
  }
}

const row: RowModule = { id: 'marks_submit', what, run };
export default row;
