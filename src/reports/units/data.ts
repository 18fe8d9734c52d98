import type { AppContext } from '../../context.js';
import type { MarkCells, UnitComponent } from '../../db/schema/index.js';
import type { Sheet } from '../../marks/access.js';
import { candidateName } from '../../marks/present.js';
import { findAccountById, type SheetRow } from '../../marks/queries.js';
import { effectiveMarks, totalOf } from '../../marks/rules.js';
import type { CandidatesReportData, UnitRef } from '../candidates/data.js';
import type { ModeratorReportData } from '../moderator/data.js';

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
  rows: readonly SheetRow[],
  producedAt: Date,
): CandidatesReportData {
  const components = sheet.unit.components;
  return {
    unit: unitRef(sheet),
    centre: centreRef(sheet),
    components: components.map((c) => ({ code: c.label, max: c.max })),
    candidates: rows.map((r) => ({
      number: r.candidate.number,
      name: candidateName(r.candidate),
      dateOfBirth: r.candidate.dateOfBirth,
      marks: components.map((c) => ({
        entered: r.entry.marks[c.key] ?? null,
        amended: r.entry.clerical[c.key] ?? null,
      })),
      teacherInitials: r.entry.initials,
      sample: r.sampleReason !== null,
    })),
    producedAt,
  };
}

const totalIfNumber = (components: readonly UnitComponent[], marks: MarkCells) => {
  const t = totalOf(components, marks);
  return typeof t === 'number' ? t : null;
};

export async function moderatorData(
  ctx: AppContext,
  sheet: Sheet,
  rows: readonly SheetRow[],
  producedAt: Date,
): Promise<ModeratorReportData> {
  const components = sheet.unit.components;
  const moderator = sheet.sheet.moderatorId
    ? await findAccountById(ctx.db, sheet.sheet.moderatorId)
    : undefined;
  return {
    unit: unitRef(sheet),
    centre: centreRef(sheet),
    moderator: moderator ? `${moderator.firstName} ${moderator.lastName}`.trim() || moderator.email : null,
    max: components.reduce((n, c) => n + c.max, 0),
    sample: rows
      .filter((r) => r.sampleReason !== null)
      .map((r) => ({
        number: r.candidate.number,
        name: candidateName(r.candidate),
        centreMark: totalOf(components, effectiveMarks(r.entry.marks, r.entry.clerical)),
        moderatorMark: r.moderatorMarks ? totalIfNumber(components, r.moderatorMarks) : null,
      })),
    clericalErrors: rows.flatMap((r) =>
      components
        .filter((c) => r.entry.clerical[c.key] !== undefined)
        .map((c) => ({
          number: r.candidate.number,
          name: candidateName(r.candidate),
          component: c.label,
          original: r.entry.marks[c.key] ?? null,
          amended: r.entry.clerical[c.key] as number,
        })),
    ),
    outcome: sheet.sheet.reportOutcome,
    comments: sheet.sheet.reportComments,
    producedAt,
  };
}
