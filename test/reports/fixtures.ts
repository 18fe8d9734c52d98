import type { CandidatesReportData } from '../../src/reports/candidates/data.js';
import type { ModeratorReportData } from '../../src/reports/moderator/data.js';

export const PRODUCED = new Date('2027-08-22T08:15:00Z');

const SPECIAL: Record<number, string> = {
  0: 'DAFIS: SIÔN LLŶR',
  1: 'ELLIS: ŴYN',
  2: 'AP GRUFFYDD-WILLIAMS: ANGHARAD MEREDYDD ELERI FFION GWENLLIAN CATRIN',
};

/** `n` candidates in candidate number order, with Welsh names, absences, carry-forwards and an amendment. */
export function candidatesData(
  n: number,
  components = [
    { code: 'C1', max: 40 },
    { code: 'C2', max: 40 },
  ],
) {
  const data: CandidatesReportData = {
    unit: {
      code: '3000N1',
      series: { cy: 'TGAU MEHEFIN 2027', en: 'GCSE JUNE 2027' },
      title: { cy: 'IAITH GYMRAEG UNED 1 LLAFAR', en: 'WELSH LANGUAGE UNIT 1 ORACY' },
    },
    centre: { number: '68123', name: 'Ysgol Gyfun Gŵyr' },
    components,
    candidates: Array.from({ length: n }, (_, i) => ({
      number: String(3001 + i * 3).padStart(4, '0'),
      name: SPECIAL[i] ?? `CANDIDATE${i + 1}: PERSON`,
      dateOfBirth: '2011-03-14',
      marks: components.map((_, k) => {
        if (i === 3) return { entered: 'A' as const };
        if (i === 4) return { entered: 'CF' as const };
        if (i === 0 && k === 0) return { entered: 31, amended: 28 };
        return { entered: (i * 7 + k * 5) % 41 };
      }),
      teacherInitials: 'GW',
      sample: i % 6 === 0,
    })),
    producedAt: PRODUCED,
  };
  return data;
}

export function moderatorData(sampleSize: number): ModeratorReportData {
  const base = candidatesData(sampleSize);
  return {
    unit: base.unit,
    centre: base.centre,
    moderator: 'Dr Gwenllïan Ŵyn Prys',
    max: 80,
    sample: base.candidates.map((c, i) => ({
      number: c.number,
      name: c.name,
      centreMark: i === 3 ? 'A' : 40 + (i % 30),
      moderatorMark: i === 3 ? null : 40 + (i % 30) + ((i % 3) - 1),
    })),
    clericalErrors: [
      { number: '3001', component: 'C1', original: 31, amended: 28 },
      { number: '3004', component: 'C2', original: 12, amended: 14 },
    ],
    outcome: 'adjusted',
    comments:
      'Roedd y marcio yn gyson at ei gilydd, ond yn rhy hael ar frig yr ystod.\n\nThe centre should check the marks of the candidates not in the sample.',
    producedAt: PRODUCED,
  };
}
