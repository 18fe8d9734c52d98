import type { MarkValue, UnitComponent, UnitRow } from '../db/schema/index.js';
import type { Language } from '../i18n/index.js';
import type { Sheet } from './access.js';
import type { SheetRow } from './queries.js';
import { effectiveMarks, londonDate, missingOf, totalOf } from './rules.js';

/** `SURNAME:FORENAME`, as entries carry it and the seed's screens show it. */
export const candidateName = (c: { surname: string; forename: string }) => `${c.surname}:${c.forename}`;

export const unitTitle = (unit: Pick<UnitRow, 'title' | 'titleCy'>, lang: Language) =>
  lang === 'cy' ? unit.titleCy : unit.title;

export const presentComponents = (components: readonly UnitComponent[]) =>
  components.map((c) => ({ key: c.key, label: c.label, max: c.max }));

/** Staff see moderation at once; the centre sees moderator marks and the report from results day. */
export function moderationVisible(sheet: Pick<Sheet, 'viewer' | 'unit'>, now: Date): boolean {
  return sheet.viewer === 'staff' || londonDate(now) >= sheet.unit.resultsDay;
}

/**
 * One marksheet row: the centre's marks as entered, moderators' clerical corrections beside them,
 * and the total that counts (the corrections override the marks in every total, list and report).
 */
export function presentRow(sheet: Pick<Sheet, 'unit'>, row: SheetRow, showModeration: boolean) {
  const { unit } = sheet;
  const marks: Record<string, MarkValue | null> = {};
  for (const c of unit.components) marks[c.key] = row.entry.marks[c.key] ?? null;
  const effective = effectiveMarks(row.entry.marks, row.entry.clerical);
  const hasClerical = Object.keys(row.entry.clerical).length > 0;
  return {
    candidate_number: row.candidate.number,
    name: candidateName(row.candidate),
    date_of_birth: row.candidate.dateOfBirth,
    marks,
    clerical: row.entry.clerical,
    total: totalOf(unit.components, effective),
    original_total: hasClerical ? totalOf(unit.components, row.entry.marks) : null,
    initials: row.entry.initials,
    sample: row.sampleReason !== null,
    missing: missingOf(unit.components, unit.teacherInitials, row.entry),
    version: row.entry.version,
    ...(showModeration && row.sampleReason !== null ? { moderator_marks: row.moderatorMarks ?? {} } : {}),
  };
}

export type PresentedRow = ReturnType<typeof presentRow>;
