import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { mailMessages, outbox, requests } from '../db/schema/index.js';
import type { ParsedMessage } from './parse.js';

const REFERENCE = /\bEO-(\d{4})-(\d{5})\b/i;

export type RequestRow = typeof requests.$inferSelect;

/**
 * The request a message follows up, if any: a reference in the subject, or In-Reply-To/References
 * naming one of the request's messages or one of our replies to it.
 */
export async function findThread(ctx: AppContext, msg: ParsedMessage): Promise<RequestRow | null> {
  const ref = msg.subject.match(REFERENCE);
  if (ref) {
    const reference = `EO-${ref[1]}-${ref[2]}`;
    const row = await ctx.db.select().from(requests).where(eq(requests.reference, reference)).get();
    if (row) return row;
  }
  const ids = [...new Set([msg.inReplyTo, ...msg.references].filter((x): x is string => Boolean(x)))].slice(
    -50,
  );
  if (ids.length === 0) return null;
  const ours = await ctx.db
    .select({ requestId: mailMessages.requestId })
    .from(mailMessages)
    .where(and(inArray(mailMessages.messageId, ids), isNotNull(mailMessages.requestId)))
    .get();
  if (ours?.requestId) {
    return (await ctx.db.select().from(requests).where(eq(requests.id, ours.requestId)).get()) ?? null;
  }
  const replies = await ctx.db
    .select({ params: outbox.params })
    .from(outbox)
    .where(inArray(outbox.messageId, ids));
  for (const { params } of replies) {
    const reference = typeof params.reference === 'string' ? params.reference : null;
    if (!reference) continue;
    const row = await ctx.db.select().from(requests).where(eq(requests.reference, reference)).get();
    if (row) return row;
  }
  return null;
}

export async function earlierSenders(ctx: AppContext, requestId: number): Promise<string[]> {
  const rows = await ctx.db
    .selectDistinct({ from: mailMessages.fromAddress })
    .from(mailMessages)
    .where(eq(mailMessages.requestId, requestId));
  return rows.map((r) => r.from).filter((f): f is string => Boolean(f));
}
