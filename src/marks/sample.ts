import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { isNotNullViolation, isUniqueViolation } from '../db/errors.js';
import { sampleMembers } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { assertAccess, requireRow, requireSheet, type Sheet } from './access.js';
import { candidateName, moderationVisible } from './present.js';
import { type SheetRow, sampleOf, visibleRows } from './queries.js';
import { effectiveMarks, totalOf } from './rules.js';
import { nearestByMark } from './sample-rule.js';
import { rankable } from './submit.js';

async function submittedSheet(ctx: AppContext, p: Principal, number: string, unitId: number) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  if (!sheet.sheet.submittedAt) throw new DomainError('not_submitted', { code: sheet.unit.code });
  return sheet;
}

/** The sample with why each is in it (`system`, `centre`, `replacement`) and who was replaced, and why. */
export async function sampleView(ctx: AppContext, sheet: Sheet, known?: SheetRow[]) {
  const [members, rows] = await Promise.all([
    sampleOf(ctx.db, sheet.sheet.id),
    known ?? visibleRows(ctx.db, sheet.sheet.id),
  ]);
  const byEntry = new Map(rows.map((r) => [r.entry.id, r]));
  const numberOf = new Map(members.map((m) => [m.member.entryId, m.candidateNumber]));
  const show = moderationVisible(sheet, ctx.clock.now());
  const data = members.flatMap(({ member, candidateNumber }) => {
    const row = byEntry.get(member.entryId);
    if (!row) return [];
    return [
      {
        candidate_number: candidateNumber,
        name: candidateName(row.candidate),
        marks: row.entry.marks,
        clerical: row.entry.clerical,
        total: totalOf(sheet.unit.components, effectiveMarks(row.entry.marks, row.entry.clerical)),
        initials: row.entry.initials,
        reason: member.reason,
        replaces: member.replacesEntryId === null ? null : (numberOf.get(member.replacesEntryId) ?? null),
        replaced: member.replacedAt
          ? { at: member.replacedAt.toISOString(), reason: member.replacedReason }
          : null,
        ...(show ? { moderator_marks: member.moderatorMarks ?? {} } : {}),
      },
    ];
  });
  return { rule: sheet.sheet.sampleRule, data };
}

export async function getSample(ctx: AppContext, p: Principal, number: string, unitId: number) {
  return sampleView(ctx, await submittedSheet(ctx, p, number, unitId));
}

/** The centre adds a candidate to the sample (the seed's tick box). */
export async function addToSample(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
) {
  const sheet = await submittedSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  const row = await requireRow(ctx, sheet, candidate);
  if (typeof totalOf(sheet.unit.components, row.entry.marks) !== 'number')
    throw new DomainError('no_mark_for_sample', { candidate });
  const now = ctx.clock.now();
  try {
    await writeAtomically(ctx.db, [
      ctx.db
        .insert(sampleMembers)
        .values({ marksheetId: sheet.sheet.id, entryId: row.entry.id, reason: 'centre', createdAt: now }),
      auditInsert(ctx.db, actorOf(p), now, {
        entity: 'sample',
        entityId: sheet.sheet.id,
        centreId: sheet.centre.id,
        action: 'add',
        after: { candidate },
      }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_in_sample', { candidate });
    throw err;
  }
  return sampleView(ctx, sheet);
}

async function activeMember(ctx: AppContext, sheet: Sheet, candidate: string) {
  const row = await requireRow(ctx, sheet, candidate);
  const member = await ctx.db
    .select()
    .from(sampleMembers)
    .where(and(eq(sampleMembers.entryId, row.entry.id), isNull(sampleMembers.replacedAt)))
    .get();
  if (!member) throw new DomainError('not_in_sample', { candidate });
  return { row, member };
}

/** Only the centre's own additions come out; the system's choice (and its replacements) never do. */
export async function removeFromSample(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
) {
  const sheet = await submittedSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  const { member } = await activeMember(ctx, sheet, candidate);
  if (member.reason !== 'centre') throw new DomainError('sample_not_removable', { candidate });
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db.delete(sampleMembers).where(eq(sampleMembers.id, member.id)),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'sample',
      entityId: sheet.sheet.id,
      centreId: sheet.centre.id,
      action: 'remove',
      before: { candidate },
    }),
  ]);
  return sampleView(ctx, sheet);
}

/**
 * Work lost or incomplete: the nearest candidate by mark (higher or lower; the higher on a tie) with
 * complete work and not yet in the sample takes the place; the replaced candidate stays on record.
 */
export async function replaceInSample(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
  reason: 'lost' | 'incomplete',
) {
  const sheet = await submittedSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  const { row, member } = await activeMember(ctx, sheet, candidate);
  const [rows, members] = await Promise.all([
    visibleRows(ctx.db, sheet.sheet.id),
    sampleOf(ctx.db, sheet.sheet.id),
  ]);
  const onRecord = new Set(members.map((m) => m.member.entryId));
  const pool = rankable(sheet, rows).filter((r) => !onRecord.has(r.entryId));
  const own = totalOf(sheet.unit.components, effectiveMarks(row.entry.marks, row.entry.clerical));
  const next = nearestByMark(pool, typeof own === 'number' ? own : 0);
  if (!next) throw new DomainError('no_replacement', { candidate });
  const now = ctx.clock.now();
  const guard = sql<string>`(select id from ${sampleMembers} where id = ${member.id} and replaced_at is null)`;
  try {
    await writeAtomically(ctx.db, [
      auditInsert(ctx.db, actorOf(p), now, {
        entity: 'sample_member',
        entityId: guard,
        centreId: sheet.centre.id,
        action: 'replace',
        before: { candidate, reason: member.reason },
        after: { candidate: next.candidateNumber, because: reason },
      }),
      ctx.db
        .update(sampleMembers)
        .set({ replacedAt: now, replacedReason: reason })
        .where(eq(sampleMembers.id, member.id)),
      ctx.db.insert(sampleMembers).values({
        marksheetId: sheet.sheet.id,
        entryId: next.entryId,
        reason: 'replacement',
        replacesEntryId: row.entry.id,
        createdAt: now,
      }),
    ]);
  } catch (err) {
    if (isNotNullViolation(err, 'audit_log.entity_id')) throw new DomainError('not_in_sample', { candidate });
    if (isUniqueViolation(err))
      throw new DomainError('already_in_sample', { candidate: next.candidateNumber });
    throw err;
  }
  // The marks read above still stand: a replacement changes who is in the sample, not any mark.
  return sampleView(ctx, sheet, rows);
}
