import { eq } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import { requests } from '../db/schema/index.js';
import { amendmentApplyStatements } from '../marks/amendments.js';
import { guardedEvent, writeGuarded } from './guard.js';
import type { RequestRow } from './queries.js';
import { requestDetail } from './read.js';
import { assertHeldBy, explainHeld, heldBySql } from './state.js';

/**
 * Request types other than the change of EO, which arrive from a feature's own form rather than by
 * mail: the queue claims them as usual, and on approval writes what the type's handler gives in the
 * same guarded batch. They carry no intake checks, so the two-person rule and the call-back (SPEC
 * 2.3, for EO changes) do not apply to them.
 */
interface RequestTypeHandler {
  approveStatements(ctx: AppContext, p: Principal, r: RequestRow): Promise<Statement[]>;
}

const HANDLERS: Partial<Record<RequestRow['type'], RequestTypeHandler>> = {
  marks_amendment: { approveStatements: (ctx, p, r) => amendmentApplyStatements(ctx, p, r) },
};

export const hasTypeHandler = (r: RequestRow) => HANDLERS[r.type] !== undefined;

async function decide(
  ctx: AppContext,
  p: Principal,
  r: RequestRow,
  decision: { status: 'approved' | 'rejected'; reason?: string; extra: Statement[] },
) {
  const now = ctx.clock.now();
  const actor = actorOf(p);
  await writeGuarded(
    ctx,
    [
      guardedEvent(ctx, {
        requestId: r.id,
        condition: heldBySql(p.accountId),
        type: decision.status,
        actor,
        detail: decision.reason ? { reason: decision.reason } : undefined,
      }),
      ctx.db
        .update(requests)
        .set({ status: decision.status, decisionReason: decision.reason ?? null, updatedAt: now })
        .where(eq(requests.id, r.id)),
      ...decision.extra,
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: r.reference,
        centreId: r.centreId,
        action: decision.status === 'approved' ? 'approve' : 'reject',
        before: { status: r.status },
        after: { status: decision.status, ...(decision.reason ? { reason: decision.reason } : {}) },
      }),
    ],
    explainHeld(ctx, r.reference, p),
  );
  return requestDetail(ctx, r.reference);
}

export async function approveTyped(ctx: AppContext, p: Principal, r: RequestRow) {
  await assertHeldBy(ctx, r, p.accountId);
  const extra = (await HANDLERS[r.type]?.approveStatements(ctx, p, r)) ?? [];
  return decide(ctx, p, r, { status: 'approved', extra });
}

export async function rejectTyped(ctx: AppContext, p: Principal, r: RequestRow, reason: string) {
  await assertHeldBy(ctx, r, p.accountId);
  return decide(ctx, p, r, { status: 'rejected', reason: reason.trim(), extra: [] });
}
