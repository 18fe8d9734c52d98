import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { entries, marksheets, sampleMembers } from '../db/schema/index.js';
import { DomainError, type ErrorDetail } from '../errors.js';
import type { Language } from '../i18n/index.js';
import { requireRow, requireSheet, type Sheet } from './access.js';
import { candidateName, moderationVisible, unitTitle } from './present.js';
import { findAccountById, moderatedBy, visibleRows } from './queries.js';
import { effectiveMarks, totalOf } from './rules.js';
import { sampleView } from './sample.js';

/** Moderation is the moderator's (of this marksheet) or staff support/admin's, after submission. */
async function moderatedSheet(ctx: AppContext, p: Principal, number: string, unitId: number) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  const allowed = sheet.access === 'moderate' || (sheet.viewer === 'staff' && sheet.access === 'write');
  if (!allowed) throw new DomainError('forbidden');
  if (!sheet.sheet.submittedAt) throw new DomainError('not_submitted', { code: sheet.unit.code });
  return sheet;
}

/** Each key a component of the unit, each mark 0..max; otherwise the whole request is refused. */
function checkMarks(sheet: Sheet, marks: Record<string, number>, field: string) {
  const details: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(marks)) {
    const c = sheet.unit.components.find((x) => x.key === key);
    if (!c) details.push({ field: `${field}.${key}`, code: 'unknown_component' });
    else if (value > c.max)
      details.push({
        field: `${field}.${key}`,
        code: 'over_max',
        params: { value, max: c.max, component: c.label },
      });
  }
  if (details.length) throw new DomainError('validation_failed', {}, details);
}

/** The moderator's own marks for a sample candidate's work, beside the centre's. */
export async function recordModeratorMarks(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
  marks: Record<string, number>,
) {
  const sheet = await moderatedSheet(ctx, p, number, unitId);
  checkMarks(sheet, marks, 'marks');
  const row = await requireRow(ctx, sheet, candidate);
  if (row.sampleReason === null) throw new DomainError('not_in_sample', { candidate });
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db
      .update(sampleMembers)
      .set({ moderatorMarks: marks })
      .where(and(eq(sampleMembers.entryId, row.entry.id), isNull(sampleMembers.replacedAt))),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'sample_member',
      entityId: `${sheet.sheet.id}:${candidate}`,
      centreId: sheet.centre.id,
      action: 'moderator_marks',
      before: { marks: row.moderatorMarks },
      after: { marks },
    }),
  ]);
  return sampleView(ctx, sheet);
}

/**
 * A clerical error: the amended mark is kept beside the centre's and overrides it in every total,
 * list and report; `null` withdraws a correction. The original is never overwritten.
 */
export async function recordClericalError(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
  input: { component: string; mark: number | null },
) {
  const sheet = await moderatedSheet(ctx, p, number, unitId);
  // A withdrawal (null) still has to name a component of the unit.
  checkMarks(sheet, { [input.component]: input.mark ?? 0 }, 'component');
  const row = await requireRow(ctx, sheet, candidate);
  const clerical = { ...row.entry.clerical };
  if (input.mark === null) delete clerical[input.component];
  else clerical[input.component] = input.mark;
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db
      .update(entries)
      .set({ clerical, version: sql`${entries.version} + 1`, updatedAt: now })
      .where(eq(entries.id, row.entry.id)),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'entry',
      entityId: `${sheet.sheet.id}:${candidate}`,
      centreId: sheet.centre.id,
      action: 'clerical_error',
      before: {
        component: input.component,
        original: row.entry.marks[input.component] ?? null,
        amended: row.entry.clerical[input.component] ?? null,
      },
      after: {
        component: input.component,
        original: row.entry.marks[input.component] ?? null,
        amended: input.mark,
      },
    }),
  ]);
  return { candidate_number: candidate, marks: row.entry.marks, clerical };
}

/** The moderator's report: outcome and comments. */
export async function writeModeratorReport(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  input: { outcome: 'accepted' | 'adjusted' | 'referred'; comments: string },
  lang: Language,
) {
  const sheet = await moderatedSheet(ctx, p, number, unitId);
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db
      .update(marksheets)
      .set({
        reportOutcome: input.outcome,
        reportComments: input.comments,
        reportUpdatedAt: now,
        updatedAt: now,
      })
      .where(eq(marksheets.id, sheet.sheet.id)),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'marksheet',
      entityId: sheet.sheet.id,
      centreId: sheet.centre.id,
      action: 'moderator_report',
      before: { outcome: sheet.sheet.reportOutcome, comments: sheet.sheet.reportComments },
      after: { ...input },
    }),
  ]);
  return moderatorReport(ctx, p, number, unitId, lang);
}

const diffOf = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? b - a : null);

/**
 * The moderator report's data (SPEC 2.5): centre, unit, moderator, each sample candidate with the
 * centre's mark, the moderator's and the difference, the clerical errors, outcome and comments. The
 * centre sees it from results day; staff and the moderator at once.
 */
export async function moderatorReport(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  lang: Language,
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  if (!sheet.sheet.submittedAt) throw new DomainError('not_submitted', { code: sheet.unit.code });
  if (!moderationVisible(sheet, ctx.clock.now()))
    throw new DomainError('report_not_yet', { code: sheet.unit.code, date: sheet.unit.resultsDay });
  const [rows, moderator] = await Promise.all([
    visibleRows(ctx.db, sheet.sheet.id),
    sheet.sheet.moderatorId === null ? undefined : findAccountById(ctx.db, sheet.sheet.moderatorId),
  ]);
  const { components } = sheet.unit;
  return {
    centre: { number: sheet.centre.number, name: sheet.centre.name },
    unit: {
      id: sheet.unit.id,
      code: sheet.unit.code,
      series: sheet.series,
      title: unitTitle(sheet.unit, lang),
      components,
    },
    moderator: moderator
      ? { name: `${moderator.firstName} ${moderator.lastName}`.trim(), email: moderator.email }
      : null,
    results_day: sheet.unit.resultsDay,
    outcome: sheet.sheet.reportOutcome,
    comments: sheet.sheet.reportComments,
    sample: rows
      .filter((r) => r.sampleReason !== null)
      .map((r) => {
        const centreMark = totalOf(components, effectiveMarks(r.entry.marks, r.entry.clerical));
        const moderatorMark = r.moderatorMarks ? totalOf(components, r.moderatorMarks) : null;
        return {
          candidate_number: r.candidate.number,
          name: candidateName(r.candidate),
          centre_mark: centreMark,
          moderator_mark: moderatorMark,
          difference: diffOf(centreMark, moderatorMark),
        };
      }),
    clerical_errors: rows.flatMap((r) =>
      Object.entries(r.entry.clerical).map(([component, amended]) => ({
        candidate_number: r.candidate.number,
        component,
        original: r.entry.marks[component] ?? null,
        amended,
      })),
    ),
  };
}

/** The units a moderator is appointed to, with their centres: where their work is. */
export async function myModeration(ctx: AppContext, p: Principal, lang: Language) {
  if (p.kind !== 'staff' || p.staffRole !== 'moderator') throw new DomainError('forbidden');
  const rows = await moderatedBy(ctx.db, p.accountId);
  return {
    data: rows.map((r) => ({
      centre: r.centreNumber,
      unit: r.unit.id,
      code: r.unit.code,
      series: r.series,
      title: unitTitle(r.unit, lang),
      submitted: r.sheet.submittedAt !== null,
      report_written: r.sheet.reportOutcome !== null,
    })),
  };
}
