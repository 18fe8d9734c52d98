import { eq } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import { requestApprovals, requestFields, requests } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { supersedeField } from '../intake/field-history.js';
import type { Authentication } from '../intake/result.js';
import { validate } from '../intake/validate.js';
import { assertCanWorkQueue } from './access.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { currentFieldsOf, messagesOf } from './queries.js';
import { requestDetail } from './read.js';
import { CORRECTABLE_FIELDS, type CorrectableField } from './rules.js';
import { assertHeldBy, explainHeld, heldBySql, requireRequest } from './state.js';

export type FieldCorrections = Partial<Record<CorrectableField, string>>;

/**
 * A staff correction: each changed field gets a new current value with source `staff`, the old one
 * stays in the history, and the request's checks and missing list are worked out again with the same
 * validator intake uses, so a corrected centre number or email is checked like a mailed one. It
 * leaves the evidence ledger alone: a check that failed on the centre's mail still needs a second
 * approver after the claimer corrects the value (src/queue/evidence.ts).
 */
export async function correctFields(
  ctx: AppContext,
  p: Principal,
  reference: string,
  input: FieldCorrections,
) {
  assertCanWorkQueue(p);
  const r = await requireRequest(ctx, reference);
  await assertHeldBy(ctx, r, p.accountId);
  const [current, messages] = await Promise.all([currentFieldsOf(ctx.db, r.id), messagesOf(ctx.db, r.id)]);
  const values = Object.fromEntries(CORRECTABLE_FIELDS.map((n) => [n, null])) as Record<
    CorrectableField,
    string | null
  >;
  for (const row of current) if (row.name in values) values[row.name as CorrectableField] = row.value;

  const changes = CORRECTABLE_FIELDS.flatMap((name) => {
    const value = input[name]?.trim();
    return value !== undefined && value !== values[name] ? [{ name, before: values[name], value }] : [];
  });
  if (changes.length === 0) return requestDetail(ctx, reference);
  for (const c of changes) values[c.name] = c.value;

  const checked = await validate(ctx, {
    fields: values,
    letterhead: r.checks.letterhead === true,
    senders: messages.map((m) => m.fromAddress).filter((a): a is string => Boolean(a)),
    authentication: (r.checks.authentication as Authentication | undefined) ?? 'none',
  });
  if (input.centre_number !== undefined && !checked.centre)
    throw new DomainError('centre_not_found', { number: input.centre_number });

  const now = ctx.clock.now();
  const actor = actorOf(p);
  const statements: Statement[] = [
    guardedEvent(ctx, {
      requestId: r.id,
      condition: heldBySql(p.accountId),
      type: 'field_corrected',
      actor,
      detail: Object.fromEntries(changes.map((c) => [c.name, { before: c.before, after: c.value }])),
    }),
  ];
  for (const c of changes) {
    statements.push(
      supersedeField(ctx.db, r.id, c.name, now),
      ctx.db.insert(requestFields).values({
        requestId: r.id,
        name: c.name,
        value: c.value,
        source: 'staff',
        actorId: p.accountId,
        createdAt: now,
      }),
    );
  }
  statements.push(
    ctx.db
      .update(requests)
      .set({
        centreId: checked.centre?.id ?? null,
        checks: { ...checked.checks },
        missing: checked.missing,
        updatedAt: now,
      })
      .where(eq(requests.id, r.id)),
    // A first approval was given to the old values; the second approver must not see different ones.
    ctx.db.delete(requestApprovals).where(eq(requestApprovals.requestId, r.id)),
    auditInsert(ctx.db, actor, now, {
      entity: 'request',
      entityId: r.reference,
      centreId: checked.centre?.id ?? r.centreId,
      action: 'correct_fields',
      before: Object.fromEntries(changes.map((c) => [c.name, c.before])),
      after: {
        ...Object.fromEntries(changes.map((c) => [c.name, c.value])),
        missing: checked.missing,
        checks: checked.checks,
      },
    }),
  );
  await writeGuarded(ctx, r.id, statements, explainHeld(ctx, reference, p));
  return requestDetail(ctx, reference);
}
