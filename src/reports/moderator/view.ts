import type { Language } from '../../i18n/index.js';
import type { DocumentMeta } from '../document.js';
import type { Block, Cell, Frame } from '../flow.js';
import { formatMoment, type ReportLanguage, wording } from '../language.js';
import type { CentreTotal, ModeratorReportData } from './data.js';

export interface ModeratorView {
  meta: DocumentMeta;
  blocks: Block[];
  frame: Frame;
  filename: string;
}

const shown = (m: CentreTotal) => (m === null ? '' : String(m));

/** Moderator's mark less the centre's, signed ("+2", "−3", "0"); blank unless both are marks. */
export function difference(centre: CentreTotal, moderator: number | null): string {
  if (typeof centre !== 'number' || moderator === null) return '';
  const d = moderator - centre;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0';
}

export function moderatorView(data: ModeratorReportData, lang: ReportLanguage): ModeratorView {
  const w = wording(lang);
  const L = w.label;
  const unitLine = (l: Language) => `${data.unit.series[l]} ${data.unit.title[l]} (${data.unit.code})`;
  const unitLines = w.languages.map(unitLine);
  const title = L('reports:moderator.title');
  const sampleRows = data.sample.map((s): Cell[] => [
    s.number,
    s.name,
    shown(s.centreMark),
    s.moderatorMark === null ? '' : String(s.moderatorMark),
    difference(s.centreMark, s.moderatorMark),
  ]);
  const clericalRows = data.clericalErrors.map((e): Cell[] => [
    e.number,
    e.component,
    shown(e.original),
    [{ text: String(e.amended), color: '#c00000' }],
  ]);
  const none: Block = { kind: 'para', text: L('reports:moderator.none') };
  const comments = (data.comments ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const blocks: Block[] = [
    { kind: 'title', text: title },
    ...w.languages.map((l) => ({ kind: 'para' as const, text: unitLine(l), lang: l, size: 11 })),
    { kind: 'para', text: L('reports:centre_line', { number: data.centre.number, name: data.centre.name }) },
    { kind: 'para', text: L('reports:moderator.moderator_line', { name: data.moderator ?? '—' }) },
    { kind: 'heading', text: L('reports:moderator.sample') },
    sampleRows.length
      ? {
          kind: 'table',
          columns: [
            { header: L('reports:candidates.columns.number'), width: 60 },
            { header: L('reports:candidates.columns.name'), width: 211, wraps: true },
            {
              header: L('reports:moderator.columns.centre_mark', { max: data.max }),
              width: 80,
              align: 'right',
            },
            { header: L('reports:moderator.columns.moderator_mark'), width: 80, align: 'right' },
            { header: L('reports:moderator.columns.difference'), width: 80, align: 'right' },
          ],
          rows: sampleRows,
        }
      : none,
    { kind: 'heading', text: L('reports:moderator.clerical') },
    clericalRows.length
      ? {
          kind: 'table',
          columns: [
            { header: L('reports:candidates.columns.number'), width: 60 },
            { header: L('reports:moderator.columns.component'), width: 211, wraps: true },
            { header: L('reports:moderator.columns.original'), width: 80, align: 'right' },
            { header: L('reports:moderator.columns.amended'), width: 80, align: 'right' },
          ],
          rows: clericalRows,
        }
      : none,
    { kind: 'heading', text: L('reports:moderator.outcome') },
    { kind: 'para', text: L(`reports:moderator.outcomes.${data.outcome ?? 'pending'}`) },
    { kind: 'heading', text: L('reports:moderator.comments') },
    ...(comments.length ? comments.map((text): Block => ({ kind: 'para', text })) : [none]),
  ];
  return {
    meta: {
      title: `${title}: ${data.unit.code}, ${data.centre.number}`,
      author: L('reports:author'),
      subject: unitLines.join(' / '),
      lang: w.lang,
      createdAt: data.producedAt,
    },
    blocks,
    frame: {
      runningHead: `${title} · ${unitLines.join(' / ')} · ${data.centre.number}`,
      footerLeft: w.languages
        .map((l) => w.t[l]('reports:footer.produced', { when: formatMoment(data.producedAt, l) }))
        .join(' / '),
      pageLabel: (page, pages) => L('reports:footer.page', { page, pages }),
    },
    filename: `${w.t[w.lang]('reports:moderator.filename')}-${data.unit.code}-${data.centre.number}.pdf`,
  };
}
