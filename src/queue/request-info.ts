import { eq } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { requests } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { queueMail } from '../mail/outbox.js';
import { assertCanWorkQueue } from './access.js';
import { assertNoProblems, textParams, textProblems } from './centre-text.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { commonParams, itemLists, mailLanguageFor, replyAddress, threadingHeaders } from './mail.js';
import { findCentreById, messagesOf } from './queries.js';
import { requestDetail } from './read.js';
import { REQUESTABLE_ITEMS, type RequestableItem } from './rules.js';
import { assertHeldBy, explainHeld, heldBySql, requireRequest } from './state.js';

const isRequestable = (item: string): item is RequestableItem =>
  (REQUESTABLE_ITEMS as readonly string[]).includes(item);

/** Asks the centre, in its language and in the request's thread, for what the request still lacks. */
export async function requestInfo(
  ctx: AppContext,
  p: Principal,
  reference: string,
  input: { items?: RequestableItem[]; notes_cy?: string; notes_en?: string },
) {
  assertCanWorkQueue(p);
  const r = await requireRequest(ctx, reference);
  await assertHeldBy(ctx, r, p.accountId);
  const items = input.items?.length ? [...new Set(input.items)] : r.missing.filter(isRequestable);
  if (items.length === 0)
    throw new DomainError('validation_failed', {}, [{ field: 'items', code: 'required' }]);
  const [centre, messages] = await Promise.all([
    r.centreId === null ? undefined : findCentreById(ctx.db, r.centreId),
    messagesOf(ctx.db, r.id),
  ]);
  const to = replyAddress(messages, centre);
  if (!to) throw new DomainError('validation_failed', {}, [{ field: 'to', code: 'required' }]);
  const language = mailLanguageFor(centre, r);
  const notesGiven = { cy: input.notes_cy, en: input.notes_en };
  assertNoProblems(textProblems('notes', language, notesGiven, false));
  const notes = textParams('notes', notesGiven);
  const now = ctx.clock.now();
  const actor = actorOf(p);
  await writeGuarded(
    ctx,
    r.id,
    [
      guardedEvent(ctx, {
        requestId: r.id,
        condition: heldBySql(p.accountId),
        type: 'info_requested',
        actor,
        detail: { to, language, items, ...notes },
      }),
      queueMail(ctx, {
        to,
        language,
        template: 'eo_change_request_info',
        params: { ...commonParams(r, centre), ...itemLists(items), ...notes },
        headers: threadingHeaders(messages),
      }),
      ctx.db.update(requests).set({ updatedAt: now }).where(eq(requests.id, r.id)),
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: r.reference,
        centreId: r.centreId,
        action: 'request_info',
        after: { to, language, items, ...notes },
      }),
    ],
    explainHeld(ctx, reference, p),
  );
  return requestDetail(ctx, reference);
}
