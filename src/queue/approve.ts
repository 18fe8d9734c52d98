import { and, eq, type SQL, sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import { isUniqueViolation } from '../db/errors.js';
import { requestApprovals, requestFields, requests } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { queueMail } from '../mail/outbox.js';
import { assertCanWorkQueue } from './access.js';
import { guardedEvent, writeGuarded } from './guard.js';
import { approveTyped, hasTypeHandler } from './handlers.js';
import { eoHandoverStatements } from './handover.js';
import { commonParams, mailLanguageFor, replyAddress, threadingHeaders } from './mail.js';
import {
  currentFieldsOf,
  fieldsChangedAfter,
  findCentreById,
  latestCheck,
  messagesOf,
  pendingApprovalOf,
  type RequestRow,
} from './queries.js';
import { requestDetail } from './read.js';
import { CALLBACK_CHECK, failedChecks } from './rules.js';
import { assertHeldBy, heldBySql, isOpen, requireRequest } from './state.js';

/** Fields complete and the call-back made: what every approval, first or final, needs. */
async function assertReady(ctx: AppContext, r: RequestRow) {
  if (r.missing.length > 0 || r.centreId === null) {
    const missing = r.missing.length > 0 ? r.missing : ['centre_number'];
    throw new DomainError(
      'request_incomplete',
      { reference: r.reference },
      missing.map((field) => ({ field, code: 'required' })),
    );
  }
  const callback = await latestCheck(ctx.db, r.id, CALLBACK_CHECK);
  if (!callback?.passed) throw new DomainError('callback_required', { reference: r.reference });
}

/**
 * Who may approve, and whether this approval is the last one. The claimer approves; when an automatic
 * check did not pass, the claimer's approval is the first of two and a different member of staff
 * gives the second (SPEC 2.3).
 */
async function approvalStep(ctx: AppContext, p: Principal, r: RequestRow) {
  if (!isOpen(r)) throw new DomainError('request_closed', { reference: r.reference });
  const needsSecond = failedChecks(r).length > 0;
  const found = needsSecond ? await pendingApprovalOf(ctx.db, r.id) : undefined;
  // A first approval covers the values it saw: a follow-up since then needs the claimer to look again.
  const pending = found && !(await fieldsChangedAfter(ctx.db, r.id, found.createdAt)) ? found : undefined;
  if (pending && r.status === 'in_verification' && r.assigneeId === pending.approverId) {
    if (pending.approverId === p.accountId)
      throw new DomainError('same_approver', { reference: r.reference });
    return { kind: 'second' as const, claimerId: pending.approverId };
  }
  await assertHeldBy(ctx, r, p.accountId);
  return { kind: needsSecond ? ('first' as const) : ('only' as const), claimerId: p.accountId };
}

/**
 * The approval covers what the approver saw: if intake joined a follow-up (new field values, new
 * checks) between reading and writing, the guard fails and the approver looks again.
 */
function unchangedSql(r: RequestRow, lastFieldId: number): SQL {
  return sql`${requests.updatedAt} = ${r.updatedAt.getTime()} and not exists (select 1 from ${requestFields} nf where nf.request_id = ${requests.id} and nf.id > ${lastFieldId})`;
}

function explainApproval(ctx: AppContext, p: Principal, reference: string) {
  return async (): Promise<never> => {
    const fresh = await requireRequest(ctx, reference);
    await approvalStep(ctx, p, fresh);
    throw new DomainError('request_changed', { reference });
  };
}

export async function approveRequest(ctx: AppContext, p: Principal, reference: string) {
  assertCanWorkQueue(p);
  const r = await requireRequest(ctx, reference);
  if (hasTypeHandler(r)) return approveTyped(ctx, p, r);
  const step = await approvalStep(ctx, p, r);
  await assertReady(ctx, r);
  const [fields, messages] = await Promise.all([currentFieldsOf(ctx.db, r.id), messagesOf(ctx.db, r.id)]);
  const unchanged = unchangedSql(r, Math.max(0, ...fields.map((f) => f.id)));
  const now = ctx.clock.now();
  const actor = actorOf(p);

  if (step.kind === 'first') {
    await writeGuarded(
      ctx,
      [
        guardedEvent(ctx, {
          requestId: r.id,
          condition: and(heldBySql(p.accountId), unchanged) as SQL,
          type: 'first_approval',
          actor,
          detail: { failed_checks: failedChecks(r) },
        }),
        // Replaces a first approval that a later follow-up made stale.
        ctx.db.delete(requestApprovals).where(eq(requestApprovals.requestId, r.id)),
        ctx.db.insert(requestApprovals).values({ requestId: r.id, approverId: p.accountId, createdAt: now }),
        auditInsert(ctx.db, actor, now, {
          entity: 'request',
          entityId: r.reference,
          centreId: r.centreId,
          action: 'first_approval',
          after: { failed_checks: failedChecks(r) },
        }),
      ],
      explainApproval(ctx, p, reference),
    );
    return requestDetail(ctx, reference);
  }

  const centre = await findCentreById(ctx.db, r.centreId as number);
  if (!centre) throw new DomainError('centre_not_found', { number: '' });
  const field = (name: string) => fields.find((f) => f.name === name)?.value ?? '';
  const next = { name: field('new_eo_name'), email: field('new_eo_email') };
  const language = mailLanguageFor(centre, r);
  const params = commonParams(r, centre);

  const condition =
    step.kind === 'second'
      ? (and(
          heldBySql(step.claimerId),
          unchanged,
          sql`exists (select 1 from ${requestApprovals} a where a.request_id = ${requests.id} and a.approver_id = ${step.claimerId}
            and not exists (select 1 from ${requestFields} f where f.request_id = a.request_id and f.created_at > a.created_at))`,
        ) as SQL)
      : (and(heldBySql(p.accountId), unchanged) as SQL);
  const decision = {
    new_eo_name: next.name,
    new_eo_email: next.email,
    old_eo_email: centre.eoEmail,
    ...(step.kind === 'second' ? { first_approver_id: step.claimerId, second_approver_id: p.accountId } : {}),
  };
  const to = replyAddress(messages, centre);
  const statements: Statement[] = [
    guardedEvent(ctx, { requestId: r.id, condition, type: 'approved', actor, detail: decision }),
    ctx.db
      .update(requests)
      .set({
        status: 'approved',
        ...(step.kind === 'second' ? { secondApproverId: p.accountId } : {}),
        updatedAt: now,
      })
      .where(eq(requests.id, r.id)),
    ...(await eoHandoverStatements(ctx, actor, centre, next, { language, params })),
    ...(to
      ? [
          queueMail(ctx, {
            to,
            language,
            template: 'eo_change_approved_centre',
            params: { ...params, new_eo_name: next.name, new_eo_email: next.email },
            headers: threadingHeaders(messages),
          }),
        ]
      : []),
    auditInsert(ctx.db, actor, now, {
      entity: 'request',
      entityId: r.reference,
      centreId: r.centreId,
      action: 'approve',
      before: { status: r.status },
      after: { status: 'approved', ...decision },
    }),
  ];
  try {
    await writeGuarded(ctx, statements, explainApproval(ctx, p, reference));
  } catch (err) {
    if (isUniqueViolation(err, 'email_key')) throw new DomainError('email_in_use', { email: next.email });
    throw err;
  }
  return requestDetail(ctx, reference);
}
