import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type Actor, type AuditEntry, auditInsert } from '../audit/record.js';
import { actorOf, assertStaff } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { type Statement, writeAtomically } from '../db/atomic.js';
import { isNotNullViolation } from '../db/errors.js';
import { attachments, mailMessages } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { translator } from '../i18n/index.js';
import { type Analysis, analyse } from './analyse.js';
import { classify } from './classify.js';
import { extractFields } from './extract.js';
import { type ParsedMessage, parseMessage, UnparseableMailError } from './parse.js';
import { createOrJoin } from './request-writer.js';
import type { IngestResult } from './result.js';

type MessageRow = typeof mailMessages.$inferSelect;

/** A set-aside message as staff see it. */
function presentSetAside(row: MessageRow, lang: 'en' | 'cy', attachmentCount: number) {
  const t = translator(lang);
  return {
    id: row.id,
    message_id: row.messageId,
    from: row.fromAddress,
    subject: row.subject,
    reason: row.reason,
    reason_label: row.reason ? t(`intake:reason.${row.reason}`, { defaultValue: row.reason }) : null,
    language: row.language,
    authentication: row.authentication,
    attachments: attachmentCount,
    sent_at: row.sentAt?.toISOString() ?? null,
    received_at: row.receivedAt.toISOString(),
    dismissed_at: row.dismissedAt?.toISOString() ?? null,
  };
}

export async function listSetAside(
  ctx: AppContext,
  p: Principal,
  q: { reason?: string; include_dismissed?: boolean; page: number; per_page: number },
  lang: 'en' | 'cy',
) {
  assertStaff(p, 'support', 'helpline', 'admin');
  const conditions: SQL[] = [eq(mailMessages.outcome, 'set_aside')];
  if (q.reason) conditions.push(eq(mailMessages.reason, q.reason));
  if (!q.include_dismissed) conditions.push(isNull(mailMessages.dismissedAt));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    ctx.db
      .select({ row: mailMessages, attachments: count(attachments.id) })
      .from(mailMessages)
      .leftJoin(attachments, eq(attachments.mailMessageId, mailMessages.id))
      .where(where)
      .groupBy(mailMessages.id)
      .orderBy(desc(mailMessages.receivedAt), desc(mailMessages.id))
      .limit(q.per_page)
      .offset((q.page - 1) * q.per_page),
    ctx.db.select({ n: count() }).from(mailMessages).where(where),
  ]);
  return {
    data: rows.map((r) => presentSetAside(r.row, lang, r.attachments)),
    page: q.page,
    per_page: q.per_page,
    total: totals[0]?.n ?? 0,
  };
}

async function openSetAside(ctx: AppContext, id: number): Promise<MessageRow> {
  const row = await ctx.db.select().from(mailMessages).where(eq(mailMessages.id, id)).get();
  if (!row) throw new DomainError('message_not_found', { id });
  if (row.outcome !== 'set_aside' || row.dismissedAt) throw new DomainError('message_not_set_aside', { id });
  return row;
}

/**
 * Writes a staff decision on a set-aside message, its audit entry first and guarded: the entry's id
 * comes from a subquery that finds the message only while it is still set aside, so if someone else
 * converted or dismissed it meanwhile the insert fails on NOT NULL and nothing of the batch is
 * written (no second request, no second reply); the caller gets the 409 that says so.
 */
async function writeWhileSetAside(
  ctx: AppContext,
  id: number,
  audit: Omit<AuditEntry, 'entity' | 'entityId'> & { actor: Actor },
  statements: Statement[],
) {
  const stillSetAside = and(
    eq(mailMessages.id, id),
    eq(mailMessages.outcome, 'set_aside'),
    isNull(mailMessages.dismissedAt),
  );
  const guard = auditInsert(ctx.db, audit.actor, ctx.clock.now(), {
    ...audit,
    entity: 'mail_message',
    entityId: sql<string>`(select cast(${mailMessages.id} as text) from ${mailMessages} where ${stillSetAside})`,
  });
  try {
    await writeAtomically(ctx.db, [guard, ...statements]);
  } catch (err) {
    if (isNotNullViolation(err, 'audit_log.entity_id')) await openSetAside(ctx, id);
    throw err;
  }
}

/** What a message that cannot be parsed still tells us: who sent it and under which subject. */
function bareMessage(row: MessageRow): ParsedMessage {
  return {
    messageId: row.messageId,
    from: row.fromAddress,
    fromName: null,
    subject: row.subject ?? '',
    date: row.sentAt,
    inReplyTo: row.inReplyTo,
    references: row.references,
    headers: [],
    contentType: 'application/octet-stream',
    reportType: null,
    text: '',
    tableRows: [],
    attachments: [],
  };
}

const emptyAnalysis = (msg: ParsedMessage): Analysis => ({
  attachments: [],
  unreadable: [],
  letterhead: false,
  extraction: extractFields({ subject: msg.subject, text: '', tableRows: [], letters: [], sender: msg.from }),
  language: 'en',
  authentication: 'none',
  authEvidence: null,
  aboutEoChange: false,
});

/**
 * Staff judged a set-aside message to be a request after all: it is read again and goes the way a
 * request does. The automatic reply still follows RFC 3834: none to auto-submitted or bulk mail.
 */
export async function convertSetAside(ctx: AppContext, p: Principal, id: number): Promise<IngestResult> {
  assertStaff(p, 'support', 'admin');
  const row = await openSetAside(ctx, id);
  const bytes = await ctx.blobs.get(row.rawSha256);
  let msg = bareMessage(row);
  let analysis = emptyAnalysis(msg);
  let mayReply = row.reason === 'not_eo_change';
  if (bytes) {
    try {
      msg = await parseMessage(bytes, row.rawSha256);
      analysis = await analyse(ctx, msg, bytes);
      mayReply = mayReply || classify(msg, '') === null;
    } catch (err) {
      if (!(err instanceof UnparseableMailError)) throw err;
    }
  }
  // The row keeps the Message-ID it was stored under, even if it was synthesised.
  msg.messageId = row.messageId;
  const actor = actorOf(p);
  const written = await createOrJoin(
    ctx,
    msg,
    analysis,
    { sha256: row.rawSha256, path: row.rawPath, mailboxKey: row.mailboxKey ?? `file:${row.rawSha256}` },
    { convertRowId: row.id, actor, allowReply: mayReply && row.reason !== 'too_large' },
  );
  await writeWhileSetAside(
    ctx,
    row.id,
    {
      actor,
      action: 'set_aside_converted',
      before: { reason: row.reason },
      after: { reference: written.result.reference },
    },
    written.statements,
  );
  return written.result;
}

export async function dismissSetAside(ctx: AppContext, p: Principal, id: number, lang: 'en' | 'cy') {
  assertStaff(p, 'support', 'admin');
  const row = await openSetAside(ctx, id);
  const now = ctx.clock.now();
  await writeWhileSetAside(
    ctx,
    id,
    {
      actor: actorOf(p),
      action: 'set_aside_dismissed',
      before: { reason: row.reason },
      after: { dismissed_at: now.toISOString() },
    },
    [ctx.db.update(mailMessages).set({ dismissedAt: now }).where(eq(mailMessages.id, id))],
  );
  const count_ = await ctx.db
    .select({ n: count() })
    .from(attachments)
    .where(eq(attachments.mailMessageId, id));
  return presentSetAside({ ...row, dismissedAt: now }, lang, count_[0]?.n ?? 0);
}
