import { eq } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { requests } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import type { MailLanguage } from '../mail/outbox.js';
import { queueMail } from '../mail/outbox.js';
import { assertCanWorkQueue } from './access.js';
import { assertNoProblems, reasonTexts, textParams, textProblems } from './centre-text.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { hasTypeHandler, rejectTyped } from './handlers.js';
import { commonParams, decisionRecipients, mailLanguageFor, threadingHeaders } from './mail.js';
import { findCentreById, messagesOf } from './queries.js';
import { requestDetail } from './read.js';
import type { RejectionReason } from './rules.js';
import { assertHeldBy, explainHeld, heldBySql, requireRequest } from './state.js';

export interface RejectInput {
  reason_code?: RejectionReason;
  reason_cy?: string;
  reason_en?: string;
  notes_cy?: string;
  notes_en?: string;
}

/** The reason in the centre's mail languages: a standard one (with optional notes) or staff's own words. */
function reasonFor(input: RejectInput, language: MailLanguage) {
  const own = { cy: input.reason_cy, en: input.reason_en };
  const notes = { cy: input.notes_cy, en: input.notes_en };
  if (input.reason_code && (own.cy || own.en))
    throw new DomainError('validation_failed', {}, [{ field: 'reason_code', code: 'reason_code_or_text' }]);
  assertNoProblems([
    ...(input.reason_code ? [] : textProblems('reason', language, own, true)),
    ...textProblems('notes', language, notes, false),
  ]);
  return textParams('reason', input.reason_code ? reasonTexts(input.reason_code) : own, notes);
}

/**
 * Turns a request down, by its claimer, and tells the centre why in its language: whoever wrote, and
 * the centre's addresses on record. Decided once.
 */
export async function rejectRequest(ctx: AppContext, p: Principal, reference: string, input: RejectInput) {
  assertCanWorkQueue(p);
  const r = await requireRequest(ctx, reference);
  // A marks amendment takes staff's own words as its reason (merge of `marks`: the reject body has no `reason` now).
  if (hasTypeHandler(r))
    return rejectTyped(ctx, p, r, input.reason_en ?? input.reason_cy ?? input.reason_code ?? '');
  await assertHeldBy(ctx, r, p.accountId);
  const [centre, messages] = await Promise.all([
    r.centreId === null ? undefined : findCentreById(ctx.db, r.centreId),
    messagesOf(ctx.db, r.id),
  ]);
  const language = mailLanguageFor(centre, r);
  const reasons = reasonFor(input, language);
  const reason = language === 'cy' ? reasons.reason_cy : `${reasons.reason_cy} / ${reasons.reason_en}`;
  const recipients = decisionRecipients(messages, centre);
  const now = ctx.clock.now();
  const actor = actorOf(p);
  await writeGuarded(
    ctx,
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
