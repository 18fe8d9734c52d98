import { eq } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import { requests } from '../db/schema/index.js';
import type { MailLanguage } from '../mail/outbox.js';
import { amendmentApplyStatements, amendmentDecisionMail } from '../marks/amendments.js';
import { decisionReason, type RejectInput, reasonFor } from './centre-text.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { mailLanguageFor } from './mail.js';
import { findCentreById, type RequestRow } from './queries.js';
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
  /** The mail that tells whoever asked how it was decided, written with the decision. */
  decisionMail(ctx: AppContext, r: RequestRow, decision: TypedDecision): Promise<Statement[]>;
}

/** How a request was decided, in the language its mail goes out in (the detail's `mail_language`). */
export interface TypedDecision {
  status: 'approved' | 'rejected';
  language: MailLanguage;
  /** `reason_cy`, `reason_en` (and notes) for a rejection. */
  reasons?: Record<string, string>;
}

const HANDLERS: Partial<Record<RequestRow['type'], RequestTypeHandler>> = {
  marks_amendment: { approveStatements: amendmentApplyStatements, decisionMail: amendmentDecisionMail },
};

export const hasTypeHandler = (r: RequestRow) => HANDLERS[r.type] !== undefined;

/** The handler of a request the queue routed here by `hasTypeHandler`. */
function handlerOf(r: RequestRow): RequestTypeHandler {
  const handler = HANDLERS[r.type];
  if (!handler) throw new Error(`no handler for ${r.type} requests`);
  return handler;
}

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
    r.id,
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

const mailLanguageOf = async (ctx: AppContext, r: RequestRow) =>
  mailLanguageFor(r.centreId === null ? undefined : await findCentreById(ctx.db, r.centreId), r);

export async function approveTyped(ctx: AppContext, p: Principal, r: RequestRow) {
  await assertHeldBy(ctx, r, p.accountId);
  const handler = handlerOf(r);
  const language = await mailLanguageOf(ctx, r);
  const extra = [
    ...(await handler.approveStatements(ctx, p, r)),
    ...(await handler.decisionMail(ctx, r, { status: 'approved', language })),
  ];
  return decide(ctx, p, r, { status: 'approved', extra });
}

/** The reason is needed in the mail's languages, as for a change of EO, since it goes to whoever asked. */
export async function rejectTyped(ctx: AppContext, p: Principal, r: RequestRow, input: RejectInput) {
  await assertHeldBy(ctx, r, p.accountId);
  const language = await mailLanguageOf(ctx, r);
  const reasons = reasonFor(input, language);
  const extra = await handlerOf(r).decisionMail(ctx, r, { status: 'rejected', language, reasons });
  return decide(ctx, p, r, { status: 'rejected', reason: decisionReason(reasons, language), extra });
}
