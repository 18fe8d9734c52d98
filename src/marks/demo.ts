import { systemActor } from '../audit/record.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { assignModerator } from './admin.js';
import { importEntries, importUnits } from './import.js';
import { ENTRY_COLUMNS, UNIT_COLUMNS } from './import-schema.js';
import { getMarksheet, listUnits } from './read.js';
import { saveMarks } from './save.js';
import { submitMarks } from './submit.js';

const UNITS = [
  [
    'GCSE NOVEMBER 2026',
    '3700U1',
    'English Language Unit 1 Oracy',
    'Iaith Saesneg Uned 1 Llafaredd',
    'Task 1:40;Task 2:40',
    'yes',
    'no',
    '2026-12-04',
    '2026-12-11',
    '2027-01-14',
  ],
  [
    'GCSE JUNE 2027',
    '3000U1',
    'Welsh Language Unit 1 Oracy',
    'Cymraeg Uned 1 Llafaredd',
    'Mark:120',
    'yes',
    'no',
    '2027-05-07',
    '2027-05-14',
    '2027-08-26',
  ],
  [
    'VOCATIONAL LEVEL 1/2 JUNE 2027',
    '9791/01',
    'Engineering Design Control Assessment',
    'Dylunio Peirianneg Asesiad dan Reolaeth',
    'Mark:120',
    'no',
    'yes',
    '2027-05-07',
    '2027-05-14',
    '2027-08-26',
  ],
];

/** Fictional candidates, Welsh and English names, as entries carry them (`SURNAME:FORENAME`). */
const NAMES = [
  'AP GWILYM:DAFYDD',
  'BEVAN:CERYS',
  'DAVIES:LLŶR',
  'EDWARDS:FFION',
  'EVANS:STEFFAN',
  'GRIFFITHS:MALI',
  'HUGHES:OSIAN',
  'JAMES:GWENLLIAN',
  'JENKINS:TOMOS',
  'JONES:ELERI',
  'LEWIS:RHODRI',
  'LLOYD:NIA',
  'MORGAN:SIÔN',
  'OWEN:HEDD',
  'PARRY:ANWEN',
  'PRICE:GARETH',
  'PRITCHARD:ELIN',
  'PUGH:IOLO',
  'REES:SEREN',
  'ROBERTS:CAI',
  'SMITH:OLIVIA',
  'TAYLOR:JACK',
  'THOMAS:BETHAN',
  'WILLIAMS:DEWI',
  'MEREDITH:LLŶR',
  'BROWN:HARRY',
  'CLARKE:AMELIA',
  'WALKER:NOAH',
  'WRIGHT:ISLA',
  'GREEN:OSCAR',
];

function entryRows(series: string, code: string, centre: string, count: number, first: number) {
  return Array.from({ length: count }, (_, i) => {
    const dob = `2010-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
    return [series, code, centre, String(first + i * 3), NAMES[i % NAMES.length] ?? '', dob];
  });
}

const csv = (header: readonly string[], rows: string[][]) =>
  [header.join(','), ...rows.map((r) => r.map((v) => (/[",]/.test(v) ? `"${v}"` : v)).join(','))].join('\n');

const OPERATOR: Principal = {
  kind: 'staff',
  staffRole: 'admin',
  accountId: 0,
  email: 'demo',
  language: 'en',
  label: 'demo seed',
};

/**
 * Units with realistic cohorts at the two demo centres with tokens: at Ysgol Gyfun Gŵyr the oracy unit
 * is submitted, with its sample and a moderator; the Welsh unit is half marked; the engineering unit
 * (uploads) waits for marks. St Teilo's has the oracy unit to mark.
 */
export async function seedDemoMarks(ctx: AppContext, moderatorEmail: string) {
  const actor = systemActor('demo seed');
  await importUnits(ctx, actor, csv(UNIT_COLUMNS, UNITS));
  await importEntries(
    ctx,
    actor,
    csv(ENTRY_COLUMNS, [
      ...entryRows('GCSE NOVEMBER 2026', '3700U1', '68123', 24, 1012),
      ...entryRows('GCSE JUNE 2027', '3000U1', '68123', 18, 1012),
      ...entryRows('VOCATIONAL LEVEL 1/2 JUNE 2027', '9791/01', '68123', 12, 1012),
      ...entryRows('GCSE NOVEMBER 2026', '3700U1', '66410', 30, 2003),
    ]),
  );
  const units = (await listUnits(ctx, OPERATOR, '68123', 'en')).data;
  const id = (code: string) => units.find((u) => u.code === code)?.id ?? 0;
  await enter(ctx, id('3700U1'), 24, (i) =>
    i === 5 ? { task_1: 'A', task_2: 'A' } : { task_1: 12 + ((i * 7) % 29), task_2: 10 + ((i * 11) % 31) },
  );
  await enter(ctx, id('3000U1'), 9, (i) => ({ mark: 40 + ((i * 13) % 81) }));
  await submitMarks(ctx, OPERATOR, '68123', id('3700U1'), { candidates_informed: true });
  await assignModerator(ctx, actor, { centre: '68123', unit: id('3700U1'), email: moderatorEmail });
}

async function enter(
  ctx: AppContext,
  unit: number,
  count: number,
  marks: (i: number) => Record<string, unknown>,
) {
  const sheet = await getMarksheet(ctx, OPERATOR, '68123', unit, {
    page: 1,
    per_page: count,
    sort: 'candidate',
    show: 'all',
  });
  const rows = sheet.data.map((r, i) => ({
    candidate_number: r.candidate_number,
    marks: marks(i),
    initials: i % 3 === 0 ? 'GR' : 'HW',
    version: r.version,
  }));
  await saveMarks(ctx, OPERATOR, '68123', unit, { rows });
}
