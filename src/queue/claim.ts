import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { requestApprovals, requests } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { assertCanWorkQueue } from './access.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { requestDetail } from './read.js';
import { holderLabel, isOpen, openSql, requireRequest } from './state.js';

const CLAIMABLE = ['incomplete', 'awaiting_verification'] as const;

async function assertClaimable(ctx: AppContext, reference: string) {
  const r = await requireRequest(ctx, reference);
  if (!isOpen(r)) throw new DomainError('request_closed', { reference });
  if (r.assigneeId !== null)
    throw new DomainError('request_claimed', { reference, holder: await holderLabel(ctx, r.assigneeId) });
  return r;
}

/** Takes a request to work on it. Claiming one's own claim again is harmless; anyone else's is a 409. */
export async function claimRequest(ctx: AppContext, p: Principal, reference: string) {
  assertCanWorkQueue(p);
  const current = await requireRequest(ctx, reference);
  if (current.assigneeId === p.accountId && current.status === 'in_verification')
    return requestDetail(ctx, reference);
  const r = await assertClaimable(ctx, reference);
  const now = ctx.clock.now();
  const actor = actorOf(p);
  await writeGuarded(
    ctx,
    r.id,
    [
      guardedEvent(ctx, {
        requestId: r.id,
        condition: and(isNull(requests.assigneeId), inArray(requests.status, [...CLAIMABLE])) as SQL,
        type: 'claimed',
        actor,
        detail: { from_status: r.status },
      }),
      ctx.db
        .update(requests)
        .set({ assigneeId: p.accountId, status: 'in_verification', updatedAt: now })
        .where(and(eq(requests.id, r.id), isNull(requests.assigneeId))),
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: r.reference,
        centreId: r.centreId,
        action: 'claim',
        before: { status: r.status, assignee_id: null },
        after: { status: 'in_verification', assignee_id: p.accountId },
      }),
    ],
    async () => {
      await assertClaimable(ctx, reference);
      throw new DomainError('request_closed', { reference });
    },
  );
  return requestDetail(ctx, reference);
}

/**
 * Hands a request back to the queue: by its claimer, or by a staff admin when the claimer is away.
 * A first approval waiting for a second approver is withdrawn with it.
 */
export async function releaseRequest(ctx: AppContext, p: Principal, reference: string) {
  assertCanWorkQueue(p);
  const r = await requireRequest(ctx, reference);
  if (!isOpen(r)) throw new DomainError('request_closed', { reference });
  if (r.assigneeId === null || r.status !== 'in_verification')
    throw new DomainError('not_claimed', { reference });
  const holderId = r.assigneeId;
  if (holderId !== p.accountId && !(p.kind === 'staff' && p.staffRole === 'admin'))
    throw new DomainError('request_claimed', { reference, holder: await holderLabel(ctx, holderId) });
  const now = ctx.clock.now();
  const actor = actorOf(p);
  const back = r.missing.length > 0 ? 'incomplete' : 'awaiting_verification';
  await writeGuarded(
    ctx,
    r.id,
    [
      guardedEvent(ctx, {
        requestId: r.id,
        condition: sql`${requests.assigneeId} = ${holderId} and ${openSql()}`,
        type: 'released',
        actor,
        detail: { holder_id: holderId },
      }),
      ctx.db
        .update(requests)
        .set({
          assigneeId: null,
          status: sql`case when json_array_length(${requests.missing}) > 0 then 'incomplete' else 'awaiting_verification' end`,
          updatedAt: now,
        })
        .where(eq(requests.id, r.id)),
      ctx.db.delete(requestApprovals).where(eq(requestApprovals.requestId, r.id)),
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: r.reference,
        centreId: r.centreId,
        action: 'release',
        before: { status: r.status, assignee_id: holderId },
        after: { status: back, assignee_id: null },
      }),
    ],
    async () => {
      const fresh = await requireRequest(ctx, reference);
      if (!isOpen(fresh)) throw new DomainError('request_closed', { reference });
      throw new DomainError('not_claimed', { reference });
    },
  );
  return requestDetail(ctx, reference);
}
