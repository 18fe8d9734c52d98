import { eq, sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { isNotNullViolation } from '../db/errors.js';
import { entries, marksheets, sampleMembers } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { assertAccess, requireSheet, type Sheet } from './access.js';
import { type SheetRow, visibleRows } from './queries.js';
import { effectiveMarks, missingOf, totalOf } from './rules.js';
import { sampleView } from './sample.js';
import { chooseSample, type Rankable, SAMPLE_TABLE } from './sample-rule.js';

interface RankedRow extends Rankable {
  entryId: number;
}

/** The candidates a sample may hold: those with a numeric total (absent and carried forward excluded). */
export function rankable(sheet: Pick<Sheet, 'unit'>, rows: readonly SheetRow[]): RankedRow[] {
  return rows.flatMap((r) => {
    const total = totalOf(sheet.unit.components, effectiveMarks(r.entry.marks, r.entry.clerical));
    return typeof total === 'number'
      ? [{ entryId: r.entry.id, candidateNumber: r.candidate.number, total, initials: r.entry.initials }]
      : [];
  });
}

function assertComplete(sheet: Sheet, rows: readonly SheetRow[]) {
  const details = rows.flatMap((r) => {
    const missing = missingOf(sheet.unit.components, sheet.unit.teacherInitials, r.entry);
    if (!missing.length) return [];
    const onlyInitials = missing.length === 1 && missing[0] === 'initials';
    return [
      {
        field: r.candidate.number,
        code: onlyInitials ? 'needs_initials' : 'needs_mark',
        params: { missing },
      },
    ];
  });
  if (details.length || rows.length === 0) throw new DomainError('marks_incomplete', {}, details);
}

/**
 * Submits a unit's marks (JCQ: the centre confirms candidates were told their marks and could ask for
 * a review), locks them and draws the moderation sample, all in one write. The write is guarded: if
 * the sheet was submitted or any mark saved since it was read, nothing is written.
 */
export async function submitMarks(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  input: { candidates_informed?: boolean },
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  if (sheet.sheet.submittedAt) throw new DomainError('marks_locked', { code: sheet.unit.code });
  if (input.candidates_informed !== true) throw new DomainError('candidates_not_informed');
  const rows = await visibleRows(ctx.db, sheet.sheet.id);
  assertComplete(sheet, rows);
  const chosen = chooseSample(rankable(sheet, rows));
  const versions = rows.reduce((n, r) => n + r.entry.version, 0);
  const now = ctx.clock.now();
  const guard = sql<string>`(select id from ${marksheets} where id = ${sheet.sheet.id} and submitted_at is null
    and (select coalesce(sum(version), 0) from ${entries} where marksheet_id = ${sheet.sheet.id}) = ${versions})`;
  try {
    await writeAtomically(ctx.db, [
      auditInsert(ctx.db, actorOf(p), now, {
        entity: 'marksheet',
        entityId: guard,
        centreId: sheet.centre.id,
        action: 'submit',
        after: {
          candidates: rows.length,
          candidates_informed: true,
          sample: chosen.map((c) => c.candidateNumber),
          rule: SAMPLE_TABLE.version,
        },
      }),
      ctx.db
        .update(marksheets)
        .set({
          submittedAt: now,
          submittedBy: p.accountId || null,
          sampleRule: SAMPLE_TABLE.version,
          updatedAt: now,
        })
        .where(eq(marksheets.id, sheet.sheet.id)),
      ...(chosen.length
        ? [
            ctx.db.insert(sampleMembers).values(
              chosen.map((c) => ({
                marksheetId: sheet.sheet.id,
                entryId: c.entryId,
                reason: 'system' as const,
                createdAt: now,
              })),
            ),
          ]
        : []),
    ]);
  } catch (err) {
    if (!isNotNullViolation(err, 'audit_log.entity_id')) throw err;
    const fresh = await requireSheet(ctx, p, number, unitId);
    if (fresh.sheet.submittedAt) throw new DomainError('marks_locked', { code: sheet.unit.code });
    throw new DomainError('version_conflict');
  }
  // The rows read above are still the rows: the guard proved nothing changed them.
  const submitted = {
    ...sheet,
    sheet: { ...sheet.sheet, submittedAt: now, sampleRule: SAMPLE_TABLE.version },
  };
  return { submitted: rows.length, ...(await sampleView(ctx, submitted, rows)) };
}
