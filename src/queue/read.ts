import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { readCache } from '../db/read-cache.js';
import type { RequestStatus } from '../db/schema/index.js';
import { assertCanReadQueue } from './access.js';
import { approvalsOf, presentEvidence } from './approvals.js';
import { secondApprovalReasons } from './evidence.js';
import { mailLanguageFor } from './mail.js';
import { clockOf, person, presentCentreForCheck, presentEvent, presentSummary } from './present.js';
import {
  attachmentsOf,
  eventsOf,
  fieldRowsOf,
  fieldsChangedAfter,
  findAccount,
  findCentreById,
  listQueueRows,
  manualChecksOf,
  messagesOf,
  OPEN_STATUSES,
  pendingApprovalOf,
} from './queries.js';
import { CALLBACK_CHECK } from './rules.js';
import { requireRequest } from './state.js';

export interface ListInput {
  status?: RequestStatus | 'open' | 'all';
  overdue?: boolean;
  assignee?: 'me' | 'none';
  type?: string;
  page: number;
  per_page: number;
}

// A page of the queue until the next write. Time left is worked out from the clock when presented,
// so only pages whose filter does not read the clock (`overdue`) are kept.
const queuePages = readCache<Awaited<ReturnType<typeof listQueueRows>>>(100);

/** The queue, soonest due first; without a status it shows the requests that still need work. */
export async function listQueue(ctx: AppContext, input: ListInput, viewerId: number | null) {
  const status = input.status ?? 'open';
  const now = ctx.clock.now();
  const filter = {
    statuses: status === 'all' ? undefined : status === 'open' ? OPEN_STATUSES : [status],
    overdue: input.overdue,
    assigneeId: input.assignee === 'none' ? null : input.assignee === 'me' ? (viewerId ?? -1) : undefined,
    type: input.type,
  };
  const read = () => listQueueRows(ctx.db, { ...filter, now }, input.page, input.per_page);
  const { rows, total } =
    input.overdue === undefined
      ? await queuePages(ctx, JSON.stringify([filter, input.page, input.per_page]), read)
      : await read();
  return {
    data: rows.map((row) => presentSummary(row, now)),
    page: input.page,
    per_page: input.per_page,
    total,
  };
}

export async function listRequests(ctx: AppContext, p: Principal, input: ListInput) {
  assertCanReadQueue(p);
  return listQueue(ctx, input, p.accountId);
}

/** Everything a checker needs on one page: fields and where they came from, mail, checks, time left. */
export async function requestDetail(ctx: AppContext, reference: string) {
  const r = await requireRequest(ctx, reference);
  const now = ctx.clock.now();
  const [centre, fieldRows, messages, files, manual, events, pending, holder] = await Promise.all([
    r.centreId === null ? undefined : findCentreById(ctx.db, r.centreId),
    fieldRowsOf(ctx.db, r.id),
    messagesOf(ctx.db, r.id),
    attachmentsOf(ctx.db, r.id),
    manualChecksOf(ctx.db, r.id),
    eventsOf(ctx.db, r.id),
    pendingApprovalOf(ctx.db, r.id),
    r.assigneeId === null ? undefined : findAccount(ctx.db, r.assigneeId),
  ]);
  const stale = pending ? await fieldsChangedAfter(ctx.db, r.id, pending.createdAt) : true;
  const approvals = await approvalsOf(ctx, events, pending && !stale ? pending : undefined);

  const byName = new Map<string, typeof fieldRows>();
  for (const row of fieldRows) byName.set(row.field.name, [...(byName.get(row.field.name) ?? []), row]);
  const fields = [...byName.entries()].map(([name, rows]) => {
    const current = rows.find((x) => x.field.supersededAt === null) ?? rows.at(-1);
    return {
      name,
      value: current?.field.value ?? null,
      source: current?.field.source ?? null,
      history: rows.map(({ field, actorEmail }) => ({
        value: field.value,
        source: field.source,
        at: field.createdAt.toISOString(),
        by: actorEmail,
        current: field.supersededAt === null,
      })),
    };
  });

  const failed = secondApprovalReasons(r);
  const callbacks = manual.filter((m) => m.check.name === CALLBACK_CHECK);
  const timeline = [
    ...messages.map((m) => ({
      at: m.receivedAt.toISOString(),
      type: 'message_received',
      actor: m.fromAddress ?? '',
      detail: { message_id: m.messageId, subject: m.subject } as Record<string, unknown> | null,
    })),
    ...events.map(presentEvent),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    reference: r.reference,
    type: r.type,
    status: r.status,
    language: r.language,
    flagged: r.flagged,
    decision_reason: r.decisionReason,
    ...clockOf(r, now),
    assignee: person(holder),
    centre: presentCentreForCheck(centre),
    fields,
    missing: r.missing,
    automatic_checks: r.checks,
    failed_checks: failed,
    evidence: presentEvidence(r.evidence),
    second_approval_required: failed.length > 0,
    approvals,
    mail_language: mailLanguageFor(centre, r),
    callback: {
      telephone: centre?.telephone ?? null,
      passed: callbacks.at(-1)?.check.passed ?? null,
    },
    manual_checks: manual.map(({ check, actorEmail }) => ({
      name: check.name,
      passed: check.passed,
      note: check.note,
      by: actorEmail,
      at: check.createdAt.toISOString(),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      message_id: m.messageId,
      from: m.fromAddress,
      subject: m.subject,
      sent_at: m.sentAt?.toISOString() ?? null,
      received_at: m.receivedAt.toISOString(),
      outcome: m.outcome,
      authentication: m.authentication,
    })),
    attachments: files.map(({ attachment: a, messageId }) => ({
      id: a.id,
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
      message_id: messageId,
      download: `/api/v1/requests/${encodeURIComponent(r.reference)}/attachments/${a.id}`,
    })),
    timeline,
  };
}

export type RequestDetail = Awaited<ReturnType<typeof requestDetail>>;

export async function showRequest(ctx: AppContext, p: Principal, reference: string) {
  assertCanReadQueue(p);
  return requestDetail(ctx, reference);
}
