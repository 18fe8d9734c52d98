import { eq, sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { type Statement, writeAtomically } from '../db/atomic.js';
import {
  entries,
  type MarkValue,
  markAmendments,
  requestEvents,
  requestFields,
  requests,
  sequences,
} from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { queueMail } from '../mail/outbox.js';
import type { TypedDecision } from '../queue/handlers.js';
import { assertAccess, requireRow, requireSheet } from './access.js';
import { candidateName } from './present.js';
import { amendmentForMail, amendmentsOf } from './queries.js';
import { parseCell } from './rules.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `MA-2026-00001`: amendments have their own reference series beside the EO changes' `EO-…`. */
async function nextReference(ctx: AppContext): Promise<{ reference: string; statement: Statement }> {
  const name = `MA-${ctx.clock.now().getUTCFullYear()}`;
  const row = await ctx.db.select().from(sequences).where(eq(sequences.name, name)).get();
  const value = (row?.value ?? 0) + 1;
  const statement = ctx.db
    .insert(sequences)
    .values({ name, value })
    .onConflictDoUpdate({ target: sequences.name, set: { value } });
  return { reference: `${name}-${String(value).padStart(5, '0')}`, statement };
}

interface AmendmentInput {
  candidate_number: string;
  component: string;
  mark: number | string;
  reason: string;
}

/**
 * After submission a mark changes only through an amendment request, worked on the verification
 * queue like any other request (claim, approve, reject). Approval changes the mark and keeps the
 * original on the amendment; both are audited.
 */
export async function requestAmendment(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  input: AmendmentInput,
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  if (!sheet.sheet.submittedAt) throw new DomainError('not_submitted', { code: sheet.unit.code });
  const component = sheet.unit.components.find((c) => c.key === input.component);
  if (!component)
    throw new DomainError('validation_failed', {}, [{ field: 'component', code: 'unknown_component' }]);
  const parsed = parseCell(input.mark, component.max);
  if (!parsed.ok || parsed.value === null)
    throw new DomainError('validation_failed', {}, [
      {
        field: 'mark',
        code: parsed.ok ? 'required' : parsed.code,
        params: { value: String(input.mark), max: component.max, component: component.label },
      },
    ]);
  const row = await requireRow(ctx, sheet, input.candidate_number);
  const original = row.entry.marks[component.key] ?? null;
  if (original === parsed.value)
    throw new DomainError('amendment_unchanged', {
      candidate: input.candidate_number,
      component: component.label,
    });

  const now = ctx.clock.now();
  const { reference, statement } = await nextReference(ctx);
  const requestId = sql<number>`(select id from ${requests} where reference = ${reference})`;
  const fields: Record<string, string> = {
    unit: `${sheet.unit.code} ${sheet.series}`,
    candidate_number: input.candidate_number,
    component: component.label,
    original_mark: original === null ? '' : String(original),
    requested_mark: String(parsed.value),
    reason: input.reason,
  };
  await writeAtomically(ctx.db, [
    statement,
    ctx.db.insert(requests).values({
      reference,
      type: 'marks_amendment',
      status: 'awaiting_verification',
      centreId: sheet.centre.id,
      language: p.language,
      firstMessageAt: now,
      dueAt: new Date(now.getTime() + 2 * DAY_MS),
      checks: {},
      missing: [],
      createdAt: now,
      updatedAt: now,
    }),
    ctx.db.insert(markAmendments).values({
      requestId,
      entryId: row.entry.id,
      component: component.key,
      originalMark: original,
      requestedMark: parsed.value,
      reason: input.reason,
    }),
    ...Object.entries(fields).map(([name, value]) =>
      ctx.db.insert(requestFields).values({
        requestId,
        name,
        value,
        source: 'centre_form',
        actorId: p.accountId || null,
        createdAt: now,
      }),
    ),
    ctx.db.insert(requestEvents).values({
      requestId,
      type: 'created',
      actorId: p.accountId || null,
      actorLabel: p.label,
      at: now,
      detail: fields,
    }),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'request',
      entityId: reference,
      centreId: sheet.centre.id,
      action: 'create',
      after: fields,
    }),
  ]);
  return {
    reference,
    status: 'awaiting_verification' as const,
    ...presentAmendment({
      original,
      requested: parsed.value,
      component: component.key,
      candidate: input.candidate_number,
      reason: input.reason,
    }),
  };
}

function presentAmendment(a: {
  original: MarkValue | null;
  requested: MarkValue;
  component: string;
  candidate: string;
  reason: string;
}) {
  return {
    candidate_number: a.candidate,
    component: a.component,
    original_mark: a.original,
    requested_mark: a.requested,
    reason: a.reason,
  };
}

/** The amendments asked for on a marksheet, newest first, with where each stands on the queue. */
export async function listAmendments(ctx: AppContext, p: Principal, number: string, unitId: number) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write', 'read');
  const rows = await amendmentsOf(ctx.db, sheet.sheet.id);
  return {
    data: rows.map((r) => ({
      reference: r.reference,
      status: r.status,
      decision_reason: r.decisionReason,
      ...presentAmendment({
        original: r.amendment.originalMark,
        requested: r.amendment.requestedMark,
        component: r.amendment.component,
        candidate: r.candidateNumber,
        reason: r.amendment.reason,
      }),
      applied_at: r.amendment.appliedAt?.toISOString() ?? null,
    })),
  };
}

/** The statements that apply an approved amendment: the mark changes, the original stays on record. */
export async function amendmentApplyStatements(
  ctx: AppContext,
  p: Principal,
  r: { id: number; reference: string; centreId: number | null },
) {
  const { id: requestId, reference } = r;
  const a = await ctx.db.select().from(markAmendments).where(eq(markAmendments.requestId, requestId)).get();
  if (!a) throw new DomainError('request_not_found', { reference });
  const entry = await ctx.db.select().from(entries).where(eq(entries.id, a.entryId)).get();
  if (!entry) throw new DomainError('request_not_found', { reference });
  const now = ctx.clock.now();
  return [
    // The one component is set in SQL, so two amendments of one candidate approved at once both stand.
    ctx.db
      .update(entries)
      .set({
        marks: sql`json_set(${entries.marks}, ${`$.${a.component}`}, ${a.requestedMark})`,
        version: sql`${entries.version} + 1`,
        updatedAt: now,
      })
      .where(eq(entries.id, entry.id)),
    ctx.db.update(markAmendments).set({ appliedAt: now }).where(eq(markAmendments.requestId, requestId)),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'entry',
      entityId: entry.id,
      centreId: r.centreId,
      action: 'amend_mark',
      before: {
        reference,
        component: a.component,
        mark: entry.marks[a.component] ?? null,
        original: a.originalMark,
      },
      after: { reference, component: a.component, mark: a.requestedMark },
    }),
  ];
}

/**
 * Tells whoever asked for an amendment how it was decided (the centre's Exams Officer on record when
 * that account is gone), in the request's mail language; a refusal carries staff's reason.
 */
export async function amendmentDecisionMail(
  ctx: AppContext,
  r: { id: number; reference: string },
  decision: TypedDecision,
): Promise<Statement[]> {
  const found = await amendmentForMail(ctx.db, r.id);
  if (!found) return [];
  const { amendment: a, unit, centre } = found;
  const asker =
    found.asker?.status === 'active' ? found.asker : { email: centre.eoEmail, firstName: centre.eoName };
  const mark = (m: MarkValue | null) => (m === null ? '' : String(m));
  return [
    queueMail(ctx, {
      to: asker.email,
      language: decision.language,
      template: decision.status === 'approved' ? 'marks_amendment_approved' : 'marks_amendment_rejected',
      params: {
        reference: r.reference,
        first_name: asker.firstName,
        centre_name: centre.name,
        centre_number: centre.number,
        unit_code: unit.code,
        unit_title_en: unit.title,
        unit_title_cy: unit.titleCy,
        series: found.series,
        candidate_number: found.candidate.number,
        candidate_name: candidateName(found.candidate),
        component: unit.components.find((c) => c.key === a.component)?.label ?? a.component,
        original_mark: mark(a.originalMark),
        requested_mark: mark(a.requestedMark),
        ...decision.reasons,
      },
    }),
  ];
}
