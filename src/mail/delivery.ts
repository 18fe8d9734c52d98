import { and, asc, eq, gte, lt, lte, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { outbox } from '../db/schema/index.js';
import type { OutboxRow } from '../db/schema/outbox.js';
import { MailSendError } from './mailer.js';
import { orgNames, renderMail, type TemplateStore } from './templates.js';

/**
 * How long a claimed row belongs to the worker that claimed it. It must outlast the slowest send
 * (the SMTP mailer gives up within about two minutes), or a second worker could take the row over
 * while the first is still sending it; a row held by a killed process waits this long to go out.
 */
export const LEASE_MS = 10 * 60_000;
const BACKOFF_FIRST_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** The wait after failed attempt `n` (1-based): 1, 2, 4, 8 … minutes, never more than an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt - 1), BACKOFF_MAX_MS);
}

export interface DeliveryOutcome {
  id: number;
  messageId: string;
  to: string;
  template: string;
  attempt: number;
  result: 'sent' | 'retry' | 'failed';
  subject?: string;
  response?: string;
  error?: string;
  nextAttemptAt?: Date;
}

export interface DeliveryOptions {
  templates: TemplateStore;
  /** Stops the pass between messages; the message being sent is finished and recorded first. */
  signal?: AbortSignal;
  limit?: number;
}

/** Due: pending and its time has come, or claimed by a worker whose lease ran out (it died mid-send). */
const isDue = (now: Date) =>
  or(
    and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
    and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now)),
  );

/**
 * Takes the row for this worker. The guard repeats the due test inside the UPDATE, so of two
 * workers (or a worker and its restarted self) that both saw the row due, exactly one gets it.
 */
async function claim(ctx: AppContext, id: number): Promise<OutboxRow | undefined> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(outbox)
    .set({
      status: 'sending',
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(and(eq(outbox.id, id), isDue(now)))
    .returning();
  return row;
}

/** Only the holder of the lease may record the outcome; a worker that lost its lease records nothing. */
const heldBy = (row: OutboxRow) =>
  and(
    eq(outbox.id, row.id),
    eq(outbox.status, 'sending'),
    eq(outbox.leaseUntil, row.leaseUntil ?? new Date(0)),
  );

async function markSent(ctx: AppContext, row: OutboxRow): Promise<boolean> {
  const done = await ctx.db
    .update(outbox)
    .set({ status: 'sent', sentAt: ctx.clock.now(), leaseUntil: null, lastError: null })
    .where(heldBy(row))
    .returning({ id: outbox.id });
  return done.length > 0;
}

async function markFailedAttempt(ctx: AppContext, row: OutboxRow, error: string, permanent: boolean) {
  const now = ctx.clock.now();
  const final = permanent || row.attempts >= ctx.config.OUTBOX_MAX_ATTEMPTS;
  const nextAttemptAt = final ? row.nextAttemptAt : new Date(now.getTime() + backoffMs(row.attempts));
  await ctx.db
    .update(outbox)
    .set({
      status: final ? 'failed' : 'pending',
      nextAttemptAt,
      leaseUntil: null,
      lastError: error.slice(0, 1000),
    })
    .where(heldBy(row));
  return { final, nextAttemptAt };
}

async function deliverOne(
  ctx: AppContext,
  row: OutboxRow,
  templates: TemplateStore,
): Promise<DeliveryOutcome> {
  const base = {
    id: row.id,
    messageId: row.messageId,
    to: row.toAddress,
    template: row.template,
    attempt: row.attempts,
  };
  const log = ctx.logger.child({
    outbox_id: row.id,
    message_id: row.messageId,
    template: row.template,
    attempt: row.attempts,
  });
  const fail = async (err: unknown, permanent: boolean, subject?: string): Promise<DeliveryOutcome> => {
    const error = err instanceof Error ? err.message : String(err);
    const { final, nextAttemptAt } = await markFailedAttempt(ctx, row, error, permanent);
    if (final) {
      log.error({ error, permanent }, 'mail failed for good; `cymorth outbox retry` sends it again');
      return { ...base, result: 'failed', subject, error };
    }
    log.warn({ error, next_attempt_at: nextAttemptAt.toISOString() }, 'mail not sent; will retry');
    return { ...base, result: 'retry', subject, error, nextAttemptAt };
  };

  let rendered: ReturnType<typeof renderMail>;
  try {
    rendered = renderMail(templates, row.template, row.language, row.params, orgNames(ctx.config));
  } catch (err) {
    // A template that does not render today will not render on the next attempt either.
    return fail(err, true);
  }
  const { subject } = rendered;
  let response: string;
  try {
    ({ response } = await ctx.mailer.send({
      messageId: row.messageId,
      date: row.createdAt,
      from: ctx.config.MAIL_FROM,
      to: row.toAddress,
      headers: row.headers,
      ...rendered,
    }));
  } catch (err) {
    // Only the mailer can call a refusal final; anything else (a dropped connection, a full disk) may pass.
    return fail(err, err instanceof MailSendError && err.permanent, subject);
  }
  // The receiving side has the message now: record that before anything else. If this write
  // fails the row stays claimed and goes out again when its lease ends (see deliverDue).
  if (await markSent(ctx, row)) log.info({ mailer: ctx.mailer.kind, response }, 'mail sent');
  else log.warn({ response }, 'mail sent, but the lease had passed to another worker: it may go out twice');
  return { ...base, result: 'sent', subject, response };
}

/**
 * A message whose every attempt ended with the process dying mid-send (its lease ran out each
 * time) never reaches markFailedAttempt; once it has used up its attempts it is failed here, so
 * one poisonous message cannot take the worker down for ever.
 */
async function abandonCrashLoops(ctx: AppContext): Promise<DeliveryOutcome[]> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .update(outbox)
    .set({
      status: 'failed',
      leaseUntil: null,
      lastError: 'every attempt ended with the sender stopping mid-send',
    })
    .where(
      and(
        eq(outbox.status, 'sending'),
        lt(outbox.leaseUntil, now),
        gte(outbox.attempts, ctx.config.OUTBOX_MAX_ATTEMPTS),
      ),
    )
    .returning();
  return rows.map((row) => {
    ctx.logger.error(
      { outbox_id: row.id, message_id: row.messageId, template: row.template, attempt: row.attempts },
      'mail failed for good: its sender kept stopping mid-send; `cymorth outbox retry` sends it again',
    );
    return {
      id: row.id,
      messageId: row.messageId,
      to: row.toAddress,
      template: row.template,
      attempt: row.attempts,
      result: 'failed' as const,
      error: row.lastError ?? undefined,
    };
  });
}

/**
 * One delivery pass: every due message, oldest first, claimed, sent and recorded one at a time.
 *
 * Delivery is at least once, and twice only in one narrow case: SMTP has no idempotent send, so if
 * the process dies after the server accepted a message but before `markSent` is written, the lease
 * runs out and the message is sent again. The window is one local write long, and the repeat has
 * the same Message-ID, so receivers (and their clients) can recognise it as the same message.
 */
export async function deliverDue(ctx: AppContext, opts: DeliveryOptions): Promise<DeliveryOutcome[]> {
  const outcomes = await abandonCrashLoops(ctx);
  const due = await ctx.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(isDue(ctx.clock.now()))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(opts.limit ?? 100);
  for (const { id } of due) {
    if (opts.signal?.aborted) break;
    const row = await claim(ctx, id);
    if (row) outcomes.push(await deliverOne(ctx, row, opts.templates));
  }
  return outcomes;
}

/**
 * Runs a pass now and every `pollMs` after the last one ended. The returned stop lets the message
 * in flight finish and be recorded, starts no other, and resolves when the loop is idle.
 */
export function startDelivery(
  ctx: AppContext,
  opts: { pollMs: number; templates: TemplateStore },
): () => Promise<void> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      await deliverDue(ctx, { templates: opts.templates, signal: controller.signal });
    } catch (err) {
      ctx.logger.error({ err }, 'outbox delivery pass failed; trying again at the next poll');
    }
    if (!controller.signal.aborted) timer = setTimeout(tick, opts.pollMs);
  };
  const tick = () => {
    running = pass();
  };
  tick();
  return async () => {
    controller.abort();
    clearTimeout(timer);
    await running;
  };
}
