import type { Language } from '../../i18n/index.js';
import type { DocumentMeta } from '../document.js';
import type { Block, Cell, Column, Frame } from '../flow.js';
import { formatMoment, type ReportLanguage, wording } from '../language.js';
import type { CandidatesReportData, ComponentMark } from './data.js';

/** The red the seed's moderators amend in. */
export const AMENDED = '#c00000';

export interface CandidatesView {
  meta: DocumentMeta;
  blocks: Block[];
  frame: Frame;
  filename: string;
}

/** "A", "CF", "40", or the original and, in red, the moderator's amendment beside it. */
export function markCell(m: ComponentMark | undefined): Cell {
  if (!m || m.entered === null) return '';
  const entered = String(m.entered);
  if (m.amended === undefined || m.amended === null) return entered;
  return [{ text: `${entered} » ` }, { text: String(m.amended), color: AMENDED }];
}

/**
 * The total of the marks that count: an amendment over the original, absence as nothing. All absent
 * is `A`; any carried forward is `CF`; a component not yet entered leaves the total blank.
 */
export function totalOf(marks: ComponentMark[], components: number): string {
  if (marks.length < components || marks.some((m) => m.entered === null)) return '';
  if (marks.some((m) => m.entered === 'CF')) return 'CF';
  if (marks.every((m) => m.entered === 'A' && (m.amended ?? null) === null)) return 'A';
  return String(
    marks.reduce((n, m) => n + (m.amended ?? (typeof m.entered === 'number' ? m.entered : 0)), 0),
  );
}

/** DD/MM/YYYY, as candidates' dates of birth are written on the awarding body's forms. */
const dob = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

const COLUMN_WIDTHS = { index: 24, number: 46, dob: 56, mark: 42, initials: 44, sample: 40 };
const TABLE_WIDTH = 511;

function columns(data: CandidatesReportData, label: (k: string, p?: Record<string, unknown>) => string) {
  const w = COLUMN_WIDTHS;
  const total = data.components.reduce((n, c) => n + c.max, 0);
  const markCols: Column[] =
    data.components.length === 1
      ? [
          {
            header: label('reports:candidates.columns.mark', { max: total }),
            width: w.mark + 14,
            align: 'right',
          },
        ]
      : [
          ...data.components.map(
            (c): Column => ({ header: `${c.code} (${c.max})`, width: w.mark, align: 'right' }),
          ),
          {
            header: label('reports:candidates.columns.total', { max: total }),
            width: w.mark + 8,
            align: 'right',
          },
        ];
  const fixed =
    w.index + w.number + w.dob + w.initials + w.sample + markCols.reduce((n, c) => n + c.width, 0);
  return [
    { header: '#', width: w.index, align: 'right' },
    { header: label('reports:candidates.columns.number'), width: w.number },
    {
      header: label('reports:candidates.columns.name'),
      width: Math.max(90, TABLE_WIDTH - fixed),
      wraps: true,
    },
    { header: label('reports:candidates.columns.dob'), width: w.dob },
    ...markCols,
    { header: label('reports:candidates.columns.initials'), width: w.initials },
    { header: label('reports:candidates.columns.sample'), width: w.sample },
  ] satisfies Column[];
}

export function candidatesView(data: CandidatesReportData, lang: ReportLanguage): CandidatesView {
  const w = wording(lang);
  const unitLine = (l: Language) => `${data.unit.series[l]} ${data.unit.title[l]} (${data.unit.code})`;
  const unitLines = w.languages.map(unitLine);
  const yes = w.label('reports:yes');
  const no = w.label('reports:no');
  const multi = data.components.length > 1;
  const rows = data.candidates.map((c, i): Cell[] => [
    String(i + 1),
    c.number,
    c.name,
    dob(c.dateOfBirth),
    ...data.components.map((_, k) => markCell(c.marks[k])),
    ...(multi ? [totalOf(c.marks, data.components.length)] : []),
    c.teacherInitials ?? '',
    c.sample ? yes : no,
  ]);
  const title = w.label('reports:candidates.title');
  const centre = w.label('reports:centre_line', { number: data.centre.number, name: data.centre.name });
  const amended = data.candidates.some((c) => c.marks.some((m) => m.amended != null));
  return {
    meta: {
      title: `${title}: ${data.unit.code}, ${data.centre.number}`,
      author: w.label('reports:author'),
      subject: unitLines.join(' / '),
      lang: w.lang,
      createdAt: data.producedAt,
    },
    blocks: [
      { kind: 'title', text: title },
      ...w.languages.map((l) => ({ kind: 'para' as const, text: unitLine(l), lang: l, size: 11 })),
      { kind: 'para', text: centre },
      ...(amended
        ? [{ kind: 'para' as const, text: w.label('reports:candidates.amended_note'), size: 8 }]
        : []),
      { kind: 'table', columns: columns(data, w.label), rows },
    ],
    frame: {
      runningHead: `${title} · ${unitLines.join(' / ')} · ${data.centre.number}`,
      footerLeft: w.languages
        .map((l) => w.t[l]('reports:footer.produced', { when: formatMoment(data.producedAt, l) }))
        .join(' / '),
      pageLabel: (page, pages) => w.label('reports:footer.page', { page, pages }),
    },
    filename: `${w.t[w.lang]('reports:candidates.filename')}-${data.unit.code}-${data.centre.number}.pdf`,
  };
}
