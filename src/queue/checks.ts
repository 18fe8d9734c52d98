import { eq } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { requestChecks, requests } from '../db/schema/index.js';
import { assertCanWorkQueue } from './access.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { findCentreById } from './queries.js';
import { requestDetail } from './read.js';
import { CALLBACK_CHECK } from './rules.js';
import { assertHeldBy, explainHeld, heldBySql, requireRequest } from './state.js';

export interface ManualCheckInput {
  name: string;
  passed: boolean;
  note?: string;
}

/**
 * Records a check made by hand, above all the call-back to the centre's registered telephone. The
 * number on record at that moment is kept with the check, so a later edit to the centre cannot hide
 * which number was rung.
 */
export async function recordCheck(ctx: AppContext, p: Principal, reference: string, input: ManualCheckInput) {
  assertCanWorkQueue(p);
  const r = await requireRequest(ctx, reference);
  await assertHeldBy(ctx, r, p.accountId);
  const centre = r.centreId === null ? undefined : await findCentreById(ctx.db, r.centreId);
  const telephone = input.name === CALLBACK_CHECK ? (centre?.telephone ?? null) : null;
  const note = [input.note?.trim(), telephone ? `tel ${telephone}` : ''].filter(Boolean).join(' | ') || null;
  const now = ctx.clock.now();
  const actor = actorOf(p);
  const after = { name: input.name, passed: input.passed, note, telephone };
  await writeGuarded(
    ctx,
    r.id,
    [
      guardedEvent(ctx, {
        requestId: r.id,
        condition: heldBySql(p.accountId),
        type: 'check_recorded',
        actor,
        detail: after,
      }),
      ctx.db.insert(requestChecks).values({
        requestId: r.id,
        name: input.name,
        passed: input.passed,
        note,
        actorId: p.accountId,
        createdAt: now,
      }),
      ctx.db.update(requests).set({ updatedAt: now }).where(eq(requests.id, r.id)),
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: r.reference,
        centreId: r.centreId,
        action: 'check',
        after,
      }),
    ],
    explainHeld(ctx, reference, p),
  );
  return requestDetail(ctx, reference);
}
