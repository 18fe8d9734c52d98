import { eq, or } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { isUniqueViolation } from '../db/errors.js';
import { mailMessages, requests } from '../db/schema/index.js';
import { analyse } from './analyse.js';
import { authenticationOf } from './auth-results.js';
import { classify } from './classify.js';
import { extractFields } from './extract.js';
import { detectLanguage } from './language.js';
import {
  headerValues,
  type ParsedMessage,
  parseMessage,
  rawMessageId,
  synthesisedMessageId,
  UnparseableMailError,
} from './parse.js';
import { createOrJoin, messageStatements, type RawInfo } from './request-writer.js';
import {
  emptyFields,
  type IngestOrigin,
  type IngestResult,
  noChecks,
  type SetAsideReason,
} from './result.js';
import { findThread } from './thread.js';

export type { IngestOrigin, IngestResult } from './result.js';

const ourAddress = (from: string) => (from.match(/<([^>]+)>/)?.[1] ?? from).trim().toLowerCase();

function bareResult(
  messageId: string,
  outcome: IngestResult['outcome'],
  reason: string | null,
): IngestResult {
  return {
    message_id: messageId,
    outcome,
    reason,
    reference: null,
    status: null,
    language: 'en',
    fields: emptyFields(),
    letterhead: false,
    missing: [],
    checks: noChecks(),
    reply: null,
  };
}

async function alreadyStored(ctx: AppContext, messageId: string | null, mailboxKey: string) {
  const row = await ctx.db
    .select({ requestId: mailMessages.requestId, messageId: mailMessages.messageId })
    .from(mailMessages)
    .where(
      messageId
        ? or(eq(mailMessages.messageId, messageId), eq(mailMessages.mailboxKey, mailboxKey))
        : eq(mailMessages.mailboxKey, mailboxKey),
    )
    .get();
  if (!row) return null;
  const result = bareResult(row.messageId, 'duplicate', null);
  if (row.requestId !== null) {
    const request = await ctx.db
      .select({ reference: requests.reference, status: requests.status, language: requests.language })
      .from(requests)
      .where(eq(requests.id, row.requestId))
      .get();
    result.reference = request?.reference ?? null;
    result.status = request?.status ?? null;
    result.language = request?.language ?? 'en';
  }
  return result;
}

/** A message we keep but do not act on; broken mail is stored too, with the bare facts we have. */
async function setAside(
  ctx: AppContext,
  raw: RawInfo,
  msg: ParsedMessage,
  reason: SetAsideReason,
  language: 'cy' | 'en',
): Promise<IngestResult> {
  const authentication = authenticationOf(
    headerValues(msg, 'authentication-results'),
    ctx.config.MAIL_AUTHSERV_ID,
  );
  await writeAtomically(
    ctx.db,
    messageStatements(
      ctx,
      msg,
      raw,
      { outcome: 'set_aside', reason, requestId: null, language, authentication },
      [],
    ),
  );
  const result = bareResult(msg.messageId, 'set_aside', reason);
  result.language = language;
  result.checks.authentication = authentication;
  return result;
}

const stubMessage = (messageId: string): ParsedMessage => ({
  messageId,
  from: null,
  fromName: null,
  subject: '',
  date: null,
  inReplyTo: null,
  references: [],
  headers: [],
  contentType: 'application/octet-stream',
  reportType: null,
  text: '',
  tableRows: [],
  attachments: [],
});

async function ingestOnce(ctx: AppContext, bytes: Uint8Array, origin: IngestOrigin): Promise<IngestResult> {
  // The raw message is kept before anything is decided: the row written later points at it.
  const blob = await ctx.blobs.put(bytes);
  const raw: RawInfo = {
    sha256: blob.sha256,
    path: ctx.blobs.pathOf(blob.sha256),
    mailboxKey: origin.mailboxKey ?? `file:${blob.sha256}`,
  };
  const early = await alreadyStored(ctx, null, raw.mailboxKey);
  if (early) return early;

  if (bytes.byteLength > ctx.config.MAIL_MAX_MESSAGE_BYTES) {
    const messageId = rawMessageId(bytes) ?? synthesisedMessageId(blob.sha256);
    return (
      (await alreadyStored(ctx, messageId, raw.mailboxKey)) ??
      setAside(ctx, raw, stubMessage(messageId), 'too_large', 'en')
    );
  }
  let msg: ParsedMessage;
  try {
    msg = await parseMessage(bytes, blob.sha256);
  } catch (err) {
    if (!(err instanceof UnparseableMailError)) throw err;
    const messageId = rawMessageId(bytes) ?? synthesisedMessageId(blob.sha256);
    ctx.logger.warn({ messageId, err: err.message }, 'intake: message set aside, unparseable');
    return (
      (await alreadyStored(ctx, messageId, raw.mailboxKey)) ??
      setAside(ctx, raw, stubMessage(messageId), 'unparseable', 'en')
    );
  }
  const duplicate = await alreadyStored(ctx, msg.messageId, raw.mailboxKey);
  if (duplicate) return duplicate;

  const kind = classify(msg, ourAddress(ctx.config.MAIL_FROM));
  if (kind) {
    const extraction = extractFields({
      subject: msg.subject,
      text: msg.text,
      tableRows: [],
      letters: [],
      sender: msg.from,
    });
    const language = await detectLanguage(extraction.ownText, {
      welsh: extraction.welshLabels,
      english: extraction.englishLabels,
    });
    return setAside(ctx, raw, msg, kind, language);
  }
  const analysis = await analyse(ctx, msg, bytes);
  if (!analysis.aboutEoChange && !(await findThread(ctx, msg))) {
    const result = await setAside(ctx, raw, msg, 'not_eo_change', analysis.language);
    for (const [name, f] of Object.entries(analysis.extraction.fields)) {
      result.fields[name as keyof typeof result.fields] = f.value;
    }
    return result;
  }
  const written = await createOrJoin(ctx, msg, analysis, raw);
  await writeAtomically(ctx.db, written.statements);
  return written.result;
}

/**
 * Runs one raw message through intake: stored once, then a request, a follow-up, a duplicate or set
 * aside. Everything the message causes is one atomic write, so a crash leaves all of it or none,
 * and running the same message again answers `duplicate`. Bad mail never throws; only a failing
 * database or file store does, and then the message should be offered again later.
 */
export async function ingest(
  ctx: AppContext,
  raw: Uint8Array,
  origin: IngestOrigin = {},
): Promise<IngestResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ingestOnce(ctx, raw, origin);
    } catch (err) {
      // Another writer stored the same message or took the same reference first: look again.
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
