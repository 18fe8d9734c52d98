import { systemActor } from '../../src/audit/record.js';
import { importEntries, importUnits } from '../../src/marks/import.js';
import { createHarness, type Harness } from '../support/harness.js';

export const UNIT_HEADER =
  'series,code,title,title_cy,components,teacher_initials,uploads,sample_deadline,submission_deadline,results_day';
export const ENTRY_HEADER = 'series,code,centre_number,candidate_number,candidate_name,date_of_birth';

export interface UnitSpec {
  series?: string;
  code: string;
  components?: string;
  initials?: 'yes' | 'no';
  uploads?: 'yes' | 'no';
  submission?: string;
  results?: string;
}

export function unitCsv(...specs: UnitSpec[]) {
  return [
    UNIT_HEADER,
    ...specs.map(
      (u) =>
        `${u.series ?? 'GCSE JUNE 2028'},${u.code},English Language Unit 1 Oracy,Iaith Saesneg Uned 1 Llafaredd,${u.components ?? 'Task 1:40;Task 2:40'},${u.initials ?? 'yes'},${u.uploads ?? 'no'},2026-12-04,${u.submission ?? '2026-12-11'},${u.results ?? '2027-01-14'}`,
    ),
  ].join('\n');
}

const SURNAMES = [
  'JONES',
  'WILLIAMS',
  'DAVIES',
  'EVANS',
  'THOMAS',
  'ROBERTS',
  'HUGHES',
  'LEWIS',
  'MORGAN',
  'GRIFFITHS',
];

/** Candidate numbers 5001, 5002, ... (the demo's are below 3000) at a centre for one unit. */
export function entryCsv(
  code: string,
  centre: string,
  n: number,
  opts: { start?: number; series?: string } = {},
) {
  const lines = [ENTRY_HEADER];
  for (let i = 0; i < n; i++) {
    const num = String((opts.start ?? 5001) + i);
    lines.push(
      `${opts.series ?? 'GCSE JUNE 2028'},${code},${centre},${num},${SURNAMES[i % SURNAMES.length]}:CANDIDATE ${i},2010-0${1 + (i % 9)}-1${i % 10}`,
    );
  }
  return lines.join('\n');
}

/** A harness with one unit (`3700U1` by default) entered at 68123 with `n` candidates; answers its id. */
export async function marksHarness(n = 5, unit: UnitSpec = { code: '3700U1' }) {
  const h = await createHarness();
  await importUnits(h.ctx, systemActor('test'), unitCsv(unit));
  await importEntries(h.ctx, systemActor('test'), entryCsv(unit.code, '68123', n));
  const units = await h.call('GET', '/api/v1/centres/68123/units', { token: h.tokens.eoCy });
  const id = units.json.data.find(
    (u: { code: string; series: string }) =>
      u.code === unit.code && u.series === (unit.series ?? 'GCSE JUNE 2028'),
  ).id as number;
  return { h, id, base: `/api/v1/centres/68123/units/${id}` };
}

export type MarksHarness = Awaited<ReturnType<typeof marksHarness>>;

/** Gives every candidate marks (a function of the index) and initials, through the API. */
export async function fillMarks(
  h: Harness,
  base: string,
  token: string,
  mark: (i: number) => Record<string, unknown>,
  initials: (i: number) => string = () => 'AB',
) {
  const sheet = await h.call('GET', `${base}/marksheet?per_page=100&page=1`, { token });
  const all = [];
  for (let page = 1; page <= Math.ceil(sheet.json.total / 100); page++) {
    const res = await h.call('GET', `${base}/marksheet?per_page=100&page=${page}`, { token });
    all.push(...res.json.data);
  }
  const rows = all.map((r: { candidate_number: string; version: number }, i: number) => ({
    candidate_number: r.candidate_number,
    marks: mark(i),
    initials: initials(i),
    version: r.version,
  }));
  const res = await h.call('PUT', `${base}/marks`, { token, body: { rows } });
  if (res.status !== 200 || res.json.refused.length)
    throw new Error(`fill failed: ${res.text.slice(0, 400)}`);
  return res;
}
