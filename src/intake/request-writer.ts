import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, auditInsert, systemActor } from '../audit/record.js';
import { chatPostStatements } from '../chat/posts.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import type { EvidenceLedger } from '../db/schema/index.js';
import {
  attachments,
  centres,
  mailMessages,
  requestFields,
  requests,
  sequences,
} from '../db/schema/index.js';
import { recordEvidence } from '../queue/evidence.js';
import type { Analysis } from './analyse.js';
import type { FoundField } from './extract.js';
import { supersedeField } from './field-history.js';
import { replaces } from './field-rank.js';
import type { ParsedMessage } from './parse.js';
import { planReply, queueReply, type ReplyPlan } from './reply.js';
import {
  type Authentication,
  emptyFields,
  FIELD_NAMES,
  type FieldName,
  type IngestResult,
} from './result.js';
import { earlierSenders, findThread, type RequestRow } from './thread.js';
import { centreDomains, domainOf, type Validation, validate } from './validate.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DUE_MS = 48 * 60 * 60 * 1000;

export interface RawInfo {
  sha256: string;
  path: string;
  mailboxKey: string;
}

export interface Written {
  statements: Statement[];
  result: IngestResult;
}

const requestIdOf = (reference: string): SQL<number> =>
  sql<number>`(select ${requests.id} from ${requests} where ${requests.reference} = ${reference})`;
const messageRowOf = (messageId: string): SQL<number> =>
  sql<number>`(select ${mailMessages.id} from ${mailMessages} where ${mailMessages.messageId} = ${messageId})`;

/** The message's row in `mail_messages`, or, when staff convert a set-aside message, the update of it. */
export function messageStatements(
  ctx: AppContext,
  msg: ParsedMessage,
  raw: RawInfo,
  row: {
    outcome: IngestResult['outcome'];
    reason: string | null;
    requestId: SQL<number> | null;
    language: 'cy' | 'en' | null;
    authentication: Authentication;
    authDetail?: Record<string, unknown> | null;
  },
  stored: Analysis['attachments'],
  convertRowId?: number,
): Statement[] {
  const now = ctx.clock.now();
  const head =
    convertRowId === undefined
      ? ctx.db.insert(mailMessages).values({
          messageId: msg.messageId,
          mailboxKey: raw.mailboxKey,
          rawSha256: raw.sha256,
          rawPath: raw.path,
          fromAddress: msg.from,
          subject: msg.subject.slice(0, 998),
          sentAt: msg.date,
          inReplyTo: msg.inReplyTo,
          references: msg.references,
          requestId: row.requestId,
          outcome: row.outcome,
          reason: row.reason,
          language: row.language,
          authentication: row.authentication,
          authDetail: row.authDetail ?? null,
          receivedAt: now,
        })
      : ctx.db
          .update(mailMessages)
          .set({ outcome: row.outcome, reason: null, requestId: row.requestId, language: row.language })
          .where(and(eq(mailMessages.id, convertRowId), eq(mailMessages.outcome, 'set_aside')));
  const messageRow = convertRowId ?? messageRowOf(msg.messageId);
  return [
    head,
    ...stored.map((a) =>
      ctx.db.insert(attachments).values({
        mailMessageId: messageRow,
        sha256: a.sha256,
        filename: a.filename.slice(0, 255),
        contentType: a.contentType,
        size: a.size,
        readAs: a.readAs,
        readFailure: a.readFailure,
        createdAt: now,
      }),
    ),
  ];
}

const worst = (a: Authentication, b: Authentication): Authentication =>
  a === 'fail' || b === 'fail' ? 'fail' : a === 'none' || b === 'none' ? 'none' : 'pass';

/**
 * A request's fields as held now (staff corrections included), and as the centre's own mail gave
 * them (the newest value from mail, corrected or not): the second is the evidence checks are kept on.
 */
async function fieldsOf(ctx: AppContext, requestId: number) {
  const rows = await ctx.db
    .select()
    .from(requestFields)
    .where(eq(requestFields.requestId, requestId))
    .orderBy(asc(requestFields.id));
  const current = emptyFields();
  const fromMail = emptyFields();
  for (const r of rows) {
    if (!(FIELD_NAMES as readonly string[]).includes(r.name)) continue;
    if (r.supersededAt === null) current[r.name as FieldName] = r.value;
    if (r.source !== 'staff') fromMail[r.name as FieldName] = r.value;
  }
  return { current, fromMail };
}

/** The evidence ledger after this message, checked on the mail's values only (see fieldsOf). */
async function evidenceAfter(
  ctx: AppContext,
  input: {
    ledger: EvidenceLedger;
    validation: Validation;
    fromMail: Record<FieldName, string | null> | null;
    rest: Omit<Parameters<typeof validate>[1], 'fields'>;
    flagged: string | null;
    messageId: string;
  },
): Promise<EvidenceLedger> {
  const checks = input.fromMail
    ? (await validate(ctx, { ...input.rest, fields: input.fromMail })).checks
    : input.validation.checks;
  return recordEvidence(input.ledger, { checks, flagged: input.flagged }, input.messageId, ctx.clock.now());
}

const sameFields = (a: Record<FieldName, string | null>, b: Record<FieldName, string | null>) =>
  FIELD_NAMES.every((n) => a[n] === b[n]);

async function nextReference(ctx: AppContext): Promise<{ reference: string; statement: Statement }> {
  const year = ctx.clock.now().getUTCFullYear();
  const name = `EO-${year}`;
  const row = await ctx.db.select().from(sequences).where(eq(sequences.name, name)).get();
  const value = (row?.value ?? 0) + 1;
  const statement = ctx.db
    .insert(sequences)
    .values({ name, value })
    .onConflictDoUpdate({ target: sequences.name, set: { value } });
  return { reference: `${name}-${String(value).padStart(5, '0')}`, statement };
}

/** May this sender add to that request? Only someone who wrote to it before, or the centre's own domain. */
async function mayJoin(ctx: AppContext, request: RequestRow, sender: string | null): Promise<boolean> {
  if (!sender) return false;
  if ((await earlierSenders(ctx, request.id)).includes(sender)) return true;
  if (request.centreId === null) return false;
  const centre = await ctx.db.select().from(centres).where(eq(centres.id, request.centreId)).get();
  return centre ? (await centreDomains(ctx, centre)).has(domainOf(sender) ?? '') : false;
}

const shouldReply = (now: Date, last: Date | null, to: string | null) =>
  to !== null && (last === null || now.getTime() - last.getTime() >= DAY_MS);

/**
 * Why staff should look twice at a new request: a stranger quoted another request's reference, or
 * the sender writes from outside every domain the centre's addresses on record use.
 */
function flagOf(thread: RequestRow | null, validation: Validation): string | null {
  if (thread) return `reference_quoted_by_stranger:${thread.reference}`;
  if (validation.centre && !validation.checks.sender_domain_known) return 'sender_outside_centre_domains';
  return null;
}

/**
 * A message that is (or is turned into) a change of Exams Officer request: it starts a request or
 * joins the one it follows up, fields are merged, validation runs again, and the reply is planned.
 * Reads happen here; every write is returned as a statement for the caller's one atomic write.
 */
export async function createOrJoin(
  ctx: AppContext,
  msg: ParsedMessage,
  analysis: Analysis,
  raw: RawInfo,
  opts: { convertRowId?: number; actor?: Actor; allowReply?: boolean } = {},
): Promise<Written> {
  const now = ctx.clock.now();
  const actor = opts.actor ?? systemActor('intake');
  const found = analysis.extraction.fields;
  const thread = await findThread(ctx, msg);
  const joins = thread !== null && (await mayJoin(ctx, thread, msg.from));
  const statements: Statement[] = [];

  let reference: string;
  let fields = emptyFields();
  let senders: string[] = msg.from ? [msg.from] : [];
  let letterhead = analysis.letterhead;
  let authentication = analysis.authentication;
  let language = analysis.language;
  let lastAutoReplyAt: Date | null = null;
  let dueAt = new Date(now.getTime() + DUE_MS);
  let mailFields: Record<FieldName, string | null> | null = null;
  if (thread && joins) {
    reference = thread.reference;
    ({ current: fields, fromMail: mailFields } = await fieldsOf(ctx, thread.id));
    senders = [...new Set([...(await earlierSenders(ctx, thread.id)), ...senders])];
    letterhead = letterhead || thread.checks.letterhead === true;
    const before = thread.checks.authentication;
    if (before === 'pass' || before === 'fail' || before === 'none')
      authentication = worst(before, authentication);
    // The request keeps the language it started in: one conversation, one language.
    language = thread.language;
    lastAutoReplyAt = thread.lastAutoReplyAt;
    dueAt = thread.dueAt;
  } else {
    const next = await nextReference(ctx);
    reference = next.reference;
    statements.push(next.statement);
  }

  const changed: [FieldName, FoundField][] = [];
  for (const name of FIELD_NAMES) {
    const f = found[name];
    if (f && mailFields && replaces(name, f, mailFields[name])) mailFields[name] = f.value;
    if (f && replaces(name, f, fields[name])) {
      changed.push([name, f]);
      fields[name] = f.value;
    }
  }
  const validation = await validate(ctx, { fields, letterhead, senders, authentication });
  const status = validation.missing.length > 0 ? 'incomplete' : 'awaiting_verification';
  const flagged = thread && joins ? thread.flagged : flagOf(thread, validation);
  const evidence = await evidenceAfter(ctx, {
    ledger: thread && joins ? thread.evidence : {},
    validation,
    fromMail: mailFields && !sameFields(mailFields, fields) ? mailFields : null,
    rest: { letterhead, senders, authentication },
    flagged,
    messageId: msg.messageId,
  });
  // The follow-up that completes a request is answered with that news, on the same once-a-day terms.
  const completes = thread !== null && joins && thread.status === 'incomplete' && status !== 'incomplete';
  const reply: ReplyPlan | null =
    opts.allowReply !== false && shouldReply(now, lastAutoReplyAt, msg.from)
      ? planReply(ctx, {
          completed: completes,
          to: msg.from ?? '',
          messageLanguage: language,
          reference,
          missing: validation.missing,
          dueAt,
          inReplyTo: msg.messageId,
          references: msg.references,
        })
      : null;
  const requestId = requestIdOf(reference);

  if (thread && joins) {
    statements.push(
      ctx.db
        .update(requests)
        .set({
          // Staff may have claimed or decided it meanwhile: only the intake states move here.
          status: sql`case when ${requests.status} in ('incomplete', 'awaiting_verification') then ${status} else ${requests.status} end`,
          centreId: validation.centre?.id ?? thread.centreId,
          checks: validation.checks,
          evidence,
          missing: validation.missing,
          lastAutoReplyAt: reply ? now : thread.lastAutoReplyAt,
          updatedAt: now,
        })
        .where(eq(requests.id, thread.id)),
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: reference,
        centreId: validation.centre?.id ?? thread.centreId,
        action: 'message_joined',
        before: { status: thread.status, missing: thread.missing },
        after: { status, missing: validation.missing, message_id: msg.messageId },
      }),
    );
  } else {
    statements.push(
      ctx.db.insert(requests).values({
        reference,
        type: 'eo_change',
        status,
        centreId: validation.centre?.id ?? null,
        language,
        firstMessageAt: now,
        dueAt,
        checks: validation.checks,
        evidence,
        missing: validation.missing,
        flagged,
        lastAutoReplyAt: reply ? now : null,
        createdAt: now,
        updatedAt: now,
      }),
      auditInsert(ctx.db, actor, now, {
        entity: 'request',
        entityId: reference,
        centreId: validation.centre?.id ?? null,
        action: 'created',
        after: { status, missing: validation.missing, flagged, message_id: msg.messageId },
      }),
    );
  }
  const outcome = thread && joins ? 'joined' : 'created';
  statements.push(
    ...messageStatements(
      ctx,
      msg,
      raw,
      {
        outcome,
        reason: null,
        requestId,
        language: analysis.language,
        authentication: analysis.authentication,
        authDetail: analysis.authEvidence ? { ...analysis.authEvidence } : null,
      },
      analysis.attachments,
      opts.convertRowId,
    ),
  );
  const messageRow = opts.convertRowId ?? messageRowOf(msg.messageId);
  for (const [name, f] of changed) {
    if (thread && joins) {
      statements.push(supersedeField(ctx.db, thread.id, name, now));
    }
    statements.push(
      ctx.db.insert(requestFields).values({
        requestId,
        name,
        value: f.value,
        source: f.source,
        mailMessageId: messageRow,
        createdAt: now,
      }),
    );
  }
  if (reply) statements.push(queueReply(ctx, reply));
  statements.push(...chatPostStatements(ctx, requestId, 'card', { isNew: outcome === 'created' }));

  return {
    statements,
    result: {
      message_id: msg.messageId,
      outcome,
      reason: null,
      reference,
      status:
        thread && joins && !['incomplete', 'awaiting_verification'].includes(thread.status)
          ? thread.status
          : status,
      language: analysis.language,
      fields,
      letterhead,
      missing: validation.missing,
      checks: validation.checks,
      reply: reply ? { to: reply.to, language: reply.language, subject: reply.subject } : null,
    },
  };
}
