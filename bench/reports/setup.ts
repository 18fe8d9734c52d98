import { writeFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { systemActor } from '../../src/audit/record.js';
import { createToken } from '../../src/auth/token-service.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/db/demo.js';
import { series, units } from '../../src/db/schema/index.js';
import { importEntries, importUnits } from '../../src/marks/import.js';
import { buildNodeContext } from '../../src/node-context.js';

const SERIES = 'GCSE JUNE 2027';
const UNIT = '3700U1';
const SURNAMES = [
  'JONES',
  'WILLIAMS',
  'DAFIS',
  'EVANS',
  'THOMAS',
  'ROBERTS',
  'HUGHES',
  'LEWIS',
  'MORGAN',
  'GRIFFITHS',
];
const FORENAMES = [
  'SIÔN LLŶR',
  'ŴYN',
  'ANGHARAD',
  'DEWI',
  'ELIN',
  'GRUFFYDD',
  'CATRIN',
  'IFAN',
  'MALI',
  'TOMOS',
];

/** The rows the report prints, as the bare side draws them: the same text in the same order. */
export type BareRow = string[];

const candidate = (i: number) => ({
  number: String(3001 + i),
  name: `${SURNAMES[i % 10]}:${FORENAMES[(i * 7) % 10]}${i % 25 === 0 ? ' ELERI FFION GWENLLIAN MEREDYDD' : ''}`,
  dob: `2010-0${1 + (i % 9)}-1${i % 10}`,
  task1: i % 41,
  task2: (i * 7) % 41,
});

/**
 * A database with the demo centres and one unit entered at 68123 with `n` marked candidates, a
 * support token for it, and (in `rowsFile`) the report's rows as text for the bare side.
 */
export async function prepareReportDatabase(dir: string, n: number, rowsFile: string) {
  const config = loadConfig({
    DATABASE_PATH: `${dir}/reports-${n}.sqlite`,
    DATA_DIR: dir,
    DEMO_SEED: 'false',
  });
  const { ctx, close } = await buildNodeContext(config, pino({ level: 'silent' }));
  try {
    await seedDemo(ctx);
    const actor = systemActor('bench');
    await importUnits(
      ctx,
      actor,
      `series,code,title,title_cy,components,teacher_initials,uploads,sample_deadline,submission_deadline,results_day\n${SERIES},${UNIT},English Language Unit 1 Oracy,Iaith Saesneg Uned 1 Llafaredd,Task 1:40;Task 2:40,yes,no,2027-05-01,2027-05-15,2027-08-20`,
    );
    const people = Array.from({ length: n }, (_, i) => candidate(i));
    const lines = people.map((c) => `${SERIES},${UNIT},68123,${c.number},${c.name},${c.dob}`);
    await importEntries(
      ctx,
      actor,
      ['series,code,centre_number,candidate_number,candidate_name,date_of_birth', ...lines].join('\n'),
    );
    // Marks straight into the rows: saving them through the API is the marks feature's bench, not this one.
    await ctx.db.run(
      sql`update entries set initials = 'AB', marks = json_object('task_1', (select cast(number as integer) - 3001 from candidates where candidates.id = entries.candidate_id) % 41, 'task_2', ((select cast(number as integer) - 3001 from candidates where candidates.id = entries.candidate_id) * 7) % 41)`,
    );
    const { token } = await createToken(ctx, actor, { role: 'support', email: 'bench-reports@cymorth.test' });
    // The demo data has units of its own: find ours by series and code.
    const unit = await ctx.db
      .select({ id: units.id })
      .from(units)
      .innerJoin(series, eq(series.id, units.seriesId))
      .where(and(eq(units.code, UNIT), eq(series.name, SERIES)))
      .get();
    if (!unit) throw new Error(`unit ${UNIT} of ${SERIES} was not imported`);
    const rows: BareRow[] = people.map((c, i) => [
      String(i + 1),
      c.number,
      c.name,
      `${c.dob.slice(8, 10)}/${c.dob.slice(5, 7)}/${c.dob.slice(0, 4)}`,
      String(c.task1),
      String(c.task2),
      String(c.task1 + c.task2),
      'AB',
      'No',
    ]);
    writeFileSync(rowsFile, JSON.stringify(rows));
    return { token, path: config.DATABASE_PATH, unit: unit.id };
  } finally {
    await close();
  }
}
