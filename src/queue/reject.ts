import { eq } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { requests } from '../db/schema/index.js';
import { queueMail } from '../mail/outbox.js';
import { assertCanWorkQueue } from './access.js';
import { decisionReason, type RejectInput, reasonFor } from './centre-text.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { hasTypeHandler, rejectTyped } from './handlers.js';
import { commonParams, decisionRecipients, mailLanguageFor, threadingHeaders } from './mail.js';
import { findCentreById, messagesOf } from './queries.js';
import { requestDetail } from './read.js';
import { assertHeldBy, explainHeld, heldBySql, requireRequest } from './state.js';

/**
 * Turns a request down, by its claimer, and tells the centre why in its language: whoever wrote, and
 * the centre's addresses on record. Decided once.
 */
export async function rejectRequest(ctx: AppContext, p: Principal, reference: string, input: RejectInput) {
  assertCanWorkQueue(p);
  const r = await requireRequest(ctx, reference);
  if (hasTypeHandler(r)) return rejectTyped(ctx, p, r, input);
  await assertHeldBy(ctx, r, p.accountId);
  const [centre, messages] = await Promise.all([
    r.centreId === null ? undefined : findCentreById(ctx.db, r.centreId),
    messagesOf(ctx.db, r.id),
  ]);
  const language = mailLanguageFor(centre, r);
  const reasons = reasonFor(input, language);
  const reason = decisionReason(reasons, language);
  const recipients = decisionRecipients(messages, centre);
  const now = ctx.clock.now();
  const actor = actorOf(p);
  await writeGuarded(
    ctx,
    r.id,
    [
      guardedEvent(ctx, {
        requestId: r.id,
        condition: heldBySql(p.accountId),
        type: 'rejected',
        actor,
        detail: { reason_code: input.reason_code ?? null, ...reasons, to: recipients },
      }),
      ctx.db
        .update(requests)
        .set({ status: 'rejected', decisionReason: reason, updatedAt: now })
        .where(eq(requests.id, r.id)),
      ...recipients.map((to) =>
        queueMail(ctx, {
          to,
          language,
          template: 'eo_change_rejected',
          params: { ...commonParams(r, centre), ...reasons },
          headers: threadingHeaders(messages),
        }),
      ),
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: r.reference,
        centreId: r.centreId,
        action: 'reject',
        before: { status: r.status },
        after: { status: 'rejected', reason_code: input.reason_code ?? null, ...reasons, to: recipients },
      }),
    ],
    explainHeld(ctx, reference, p),
  );
  return requestDetail(ctx, reference);
}
