import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { outbox } from '../db/schema/index.js';
import { OUTBOX_STATUSES, type OutboxRow } from '../db/schema/outbox.js';

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const isOutboxStatus = (s: string): s is OutboxStatus =>
  (OUTBOX_STATUSES as readonly string[]).includes(s);

/** The newest messages first, optionally of one status. */
export async function listOutbox(
  ctx: AppContext,
  opts: { status?: OutboxStatus; limit?: number } = {},
): Promise<OutboxRow[]> {
  return ctx.db
    .select()
    .from(outbox)
    .where(opts.status ? eq(outbox.status, opts.status) : undefined)
    .orderBy(desc(outbox.id))
    .limit(opts.limit ?? 100);
}

class OutboxRetryError extends Error {}

/**
 * Puts a failed message back in the queue with a fresh set of attempts, due now. Only a failed
 * message: a pending or sending one is already queued, and a sent one must not go out again.
 */
export async function retryFailed(ctx: AppContext, id: number): Promise<OutboxRow> {
  const [row] = await ctx.db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: ctx.clock.now(), leaseUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning();
  if (row) return row;
  const [current] = await ctx.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id));
  throw new OutboxRetryError(
    current
      ? `outbox message ${id} is ${current.status}, not failed; only a failed message can be retried`
      : `no outbox message ${id}`,
  );
}
