import type { Sheet } from '../../marks/access.js';
import type { moderatorReport } from '../../marks/moderation.js';
import { candidateName } from '../../marks/present.js';
import type { CandidatesReportData, UnitRef } from '../candidates/data.js';
import type { ModeratorReportData } from '../moderator/data.js';
import type { ReportRow } from './rows.js';

/** The series is one name in both languages: the awarding body prints it so on either paper. */
const unitRef = (sheet: Sheet): UnitRef => ({
  code: sheet.unit.code,
  series: { cy: sheet.series, en: sheet.series },
  title: { cy: sheet.unit.titleCy, en: sheet.unit.title },
});

const centreRef = (sheet: Sheet) => ({ number: sheet.centre.number, name: sheet.centre.name });

/** The marksheet's rows as the report's plain data: components in the unit's order, amendments beside. */
export function candidatesData(
  sheet: Sheet,
  rows: readonly ReportRow[],
  producedAt: Date,
): CandidatesReportData {
  const components = sheet.unit.components;
  return {
    unit: unitRef(sheet),
    centre: centreRef(sheet),
    components: components.map((c) => ({ code: c.label, max: c.max })),
    candidates: rows.map((r) => ({
      number: r.number,
      name: candidateName(r),
      dateOfBirth: r.dateOfBirth,
      marks: components.map((c) => ({
        entered: r.marks[c.key] ?? null,
        amended: r.clerical[c.key] ?? null,
      })),
      teacherInitials: r.initials,
      sample: r.sampleReason !== null,
    })),
    producedAt,
  };
}

type MarksModeratorReport = Awaited<ReturnType<typeof moderatorReport>>;

/**
 * The marks feature's moderator report (its rules decide who sees it and when) as the PDF's plain
 * data; the sheet gives what that report words in one language only: both titles, component labels.
 */
export function moderatorData(
  sheet: Sheet,
  report: MarksModeratorReport,
  producedAt: Date,
): ModeratorReportData {
  const components = sheet.unit.components;
  const labelOf = new Map(components.map((c) => [c.key, c.label]));
  return {
    unit: unitRef(sheet),
    centre: centreRef(sheet),
    moderator: report.moderator ? report.moderator.name || report.moderator.email : null,
    max: components.reduce((n, c) => n + c.max, 0),
    sample: report.sample.map((s) => ({
      number: s.candidate_number,
      name: s.name,
      centreMark: s.centre_mark,
      moderatorMark: typeof s.moderator_mark === 'number' ? s.moderator_mark : null,
    })),
    clericalErrors: report.clerical_errors.map((e) => ({
      number: e.candidate_number,
      component: labelOf.get(e.component) ?? e.component,
      original: e.original,
      amended: e.amended,
    })),
    outcome: report.outcome,
    comments: report.comments,
    producedAt,
  };
}
