import type { Principal } from '../auth/principal.js';
import { fold } from '../centres/fold.js';
import type { AppContext } from '../context.js';
import type { Language } from '../i18n/index.js';
import { requireCentreMarks, requireSheet, type Sheet } from './access.js';
import { moderationVisible, type PresentedRow, presentComponents, presentRow, unitTitle } from './present.js';
import { findAccountById, type SheetRow, sheetsOfCentre, visibleRows } from './queries.js';
import { compareNumbers, missingOf } from './rules.js';

export type UnitStatus = 'enter_marks' | 'ready_to_submit' | 'submitted';

/** The seed's menu line: `ENTER MARKS (n DONE, m LEFT)`, ready to submit, `ALL MARKS SUBMITTED (n)`. */
export function sheetStatus(sheet: Pick<Sheet, 'unit' | 'sheet'>, rows: readonly SheetRow[]) {
  const done = rows.filter(
    (r) => missingOf(sheet.unit.components, sheet.unit.teacherInitials, r.entry).length === 0,
  ).length;
  const left = rows.length - done;
  const status: UnitStatus = sheet.sheet.submittedAt
    ? 'submitted'
    : left === 0 && rows.length > 0
      ? 'ready_to_submit'
      : 'enter_marks';
  return { status, done, left, submitted: sheet.sheet.submittedAt ? rows.length : 0 };
}

async function moderatorOf(ctx: AppContext, sheet: Pick<Sheet, 'sheet'>) {
  if (sheet.sheet.moderatorId === null) return null;
  const m = await findAccountById(ctx.db, sheet.sheet.moderatorId);
  return m ? { name: `${m.firstName} ${m.lastName}`.trim() || m.email, email: m.email } : null;
}

/** A centre's units with their status, as the seed's menu screen lists them. */
export async function listUnits(ctx: AppContext, p: Principal, number: string, lang: Language) {
  const { centre } = await requireCentreMarks(ctx, p, number);
  const sheets = await sheetsOfCentre(ctx.db, centre.id);
  const data = [];
  for (const s of sheets) {
    const rows = await visibleRows(ctx.db, s.sheet.id);
    // The seed shows moderator details once marks are submitted; staff see them at once.
    const showModerator = p.kind === 'staff' || s.sheet.submittedAt !== null;
    data.push({
      id: s.unit.id,
      code: s.unit.code,
      series: s.series,
      title: unitTitle(s.unit, lang),
      components: presentComponents(s.unit.components),
      ...sheetStatus(s, rows),
      teacher_initials: s.unit.teacherInitials,
      uploads: s.unit.uploads,
      sample_deadline: s.unit.sampleDeadline,
      submission_deadline: s.unit.submissionDeadline,
      results_day: s.unit.resultsDay,
      moderator: showModerator ? await moderatorOf(ctx, s) : null,
    });
  }
  return { data };
}

export interface MarksheetQuery {
  page: number;
  per_page: number;
  sort: 'candidate' | 'name' | 'mark';
  show: 'all' | 'unmarked' | 'marked' | 'samples';
  q?: string;
}

const SHOW: Record<MarksheetQuery['show'], (r: PresentedRow) => boolean> = {
  all: () => true,
  unmarked: (r) => r.missing.length > 0,
  marked: (r) => r.missing.length === 0,
  samples: (r) => r.sample,
};

/** Highest total first; totals that are not numbers (A, CF, not yet entered) after, by candidate. */
const byMark = (a: PresentedRow, b: PresentedRow) => {
  const x = typeof a.total === 'number' ? a.total : -1;
  const y = typeof b.total === 'number' ? b.total : -1;
  return y - x || compareNumbers(a.candidate_number, b.candidate_number);
};

const SORT: Record<MarksheetQuery['sort'], (a: PresentedRow, b: PresentedRow) => number> = {
  candidate: (a, b) => compareNumbers(a.candidate_number, b.candidate_number),
  name: (a, b) =>
    a.name.localeCompare(b.name, 'en') || compareNumbers(a.candidate_number, b.candidate_number),
  mark: byMark,
};

/** Every row of a sheet as the caller may see it, candidate number order. */
export async function presentedRows(ctx: AppContext, sheet: Sheet) {
  const rows = await visibleRows(ctx.db, sheet.sheet.id);
  const show = moderationVisible(sheet, ctx.clock.now());
  return { rows, presented: rows.map((r) => presentRow(sheet, r, show)) };
}

/** The marksheet screen: paged, sorted, filtered, searchable by surname ignoring case and accents. */
export async function getMarksheet(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  query: MarksheetQuery,
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  const { rows, presented } = await presentedRows(ctx, sheet);
  const needle = query.q ? fold(query.q) : '';
  const surnameOf = new Map(rows.map((r) => [r.candidate.number, r.candidate.surnameFolded]));
  // A moderator sees the sample only.
  const scope = sheet.access === 'moderate' ? SHOW.samples : SHOW[query.show];
  const matching = presented
    .filter(scope)
    .filter((r) => !needle || (surnameOf.get(r.candidate_number) ?? '').includes(needle))
    .sort(SORT[query.sort]);
  const start = (query.page - 1) * query.per_page;
  return {
    data: matching.slice(start, start + query.per_page),
    page: query.page,
    per_page: query.per_page,
    total: matching.length,
  };
}
