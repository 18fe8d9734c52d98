import { and, asc, eq, gt, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { systemActor } from '../audit/record.js';
import { chatPostStatements } from '../chat/posts.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { requests } from '../db/schema/index.js';
import { guardedEvent, isGuardFailure } from './guard.js';
import { OPEN_STATUSES, type RequestRow } from './queries.js';

const DUE_SOON_MS = 24 * 60 * 60 * 1000;

export interface DueEvent {
  type: 'due_soon' | 'overdue';
  reference: string;
  due_at: string;
}

export type DueEventSink = (event: DueEvent) => void | Promise<void>;

const clockActor = systemActor('clock');

/** Marks one event as emitted; false when another poller (or an earlier run) already did. */
async function mark(ctx: AppContext, r: RequestRow, type: DueEvent['type'], condition: SQL) {
  const now = ctx.clock.now();
  try {
    await writeAtomically(ctx.db, [
      guardedEvent(ctx, {
        requestId: r.id,
        condition,
        type,
        actor: clockActor,
        detail: { due_at: r.dueAt.toISOString() },
      }),
      ctx.db
        .update(requests)
        .set(
          type === 'overdue'
            ? { overdueNotifiedAt: now, warnedAt: sql`coalesce(${requests.warnedAt}, ${now.getTime()})` }
            : { warnedAt: now },
        )
        .where(eq(requests.id, r.id)),
      ...chatPostStatements(ctx, r.id, type),
    ]);
    return true;
  } catch (err) {
    if (isGuardFailure(err)) return false;
    throw err;
  }
}

/**
 * The 48-hour clock's two moments, each emitted once per request: 24 hours left (`due_soon`) and the
 * deadline (`overdue`). A request first seen already past its deadline gets only `overdue`. The mark is
 * written before the event is handed on, so a crash in between loses that one event rather than
 * repeating it.
 */
async function dueEvents(ctx: AppContext): Promise<DueEvent[]> {
  const now = ctx.clock.now();
  const open = inArray(requests.status, [...OPEN_STATUSES]);
  const overdue = and(open, lte(requests.dueAt, now), isNull(requests.overdueNotifiedAt)) as SQL;
  const soon = and(
    open,
    gt(requests.dueAt, now),
    lte(requests.dueAt, new Date(now.getTime() + DUE_SOON_MS)),
    isNull(requests.warnedAt),
  ) as SQL;
  const events: DueEvent[] = [];
  for (const [type, where] of [
    ['overdue', overdue],
    ['due_soon', soon],
  ] as const) {
    const rows = await ctx.db.select().from(requests).where(where).orderBy(asc(requests.dueAt));
    for (const r of rows) {
      if (await mark(ctx, r, type, where))
        events.push({ type, reference: r.reference, due_at: r.dueAt.toISOString() });
    }
  }
  return events;
}

export async function emitDueEvents(ctx: AppContext, sink: DueEventSink): Promise<DueEvent[]> {
  const events = await dueEvents(ctx);
  for (const event of events) await sink(event);
  return events;
}

/** Until the chat issue posts them, due events go to the log. */
export const logSink =
  (ctx: AppContext): DueEventSink =>
  (event) => {
    ctx.logger.info(event, event.type === 'overdue' ? 'request overdue' : 'request due within 24 hours');
  };

/** Polls the clock every QUEUE_CLOCK_POLL_MS; `stop()` waits for a run in progress. */
export function startClock(ctx: AppContext, sink: DueEventSink = logSink(ctx)) {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = emitDueEvents(ctx, sink)
      .catch((err) => ctx.logger.error({ err }, 'queue clock failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, ctx.config.QUEUE_CLOCK_POLL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
