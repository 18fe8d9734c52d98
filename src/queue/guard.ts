import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../audit/record.js';
import { chatPostStatements } from '../chat/posts.js';
import type { AppContext } from '../context.js';
import { type Statement, writeAtomically } from '../db/atomic.js';
import { sqliteErrorText } from '../db/errors.js';
import { type RequestEventType, requestEvents, requests } from '../db/schema/index.js';

/**
 * The timeline event that opens a staff action's batch. Its request id comes from a subquery that
 * finds the request only while `condition` holds, so if another click or another person got there
 * first the insert fails on NOT NULL and the batch, mail included, rolls back.
 */
export function guardedEvent(
  ctx: AppContext,
  input: {
    requestId: number;
    condition: SQL;
    type: RequestEventType;
    actor: Actor;
    detail?: Record<string, unknown>;
  },
) {
  return ctx.db.insert(requestEvents).values({
    requestId: sql<number>`(select ${requests.id} from ${requests} where ${requests.id} = ${input.requestId} and (${input.condition}))`,
    type: input.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    at: ctx.clock.now(),
    detail: input.detail ?? null,
  });
}

/** True when a batch failed because a guard found the request changed, or a once-only row already existed. */
export function isGuardFailure(err: unknown): boolean {
  const text = sqliteErrorText(err);
  return (
    /NOT NULL constraint failed: request_events\.request_id/i.test(text) ||
    /UNIQUE constraint failed: request_(events|approvals)\.request_id/i.test(text) ||
    /UNIQUE constraint failed: request_events\.request_id, request_events\.type/i.test(text)
  );
}

/**
 * Writes a guarded batch, with the triage channel's update of the request in the same write, so the
 * card in chat moves whoever moved the request. When a guard trips, `explain` re-reads the request and
 * throws the error that says why (claimed by someone else, already decided, ...); the batch changed nothing.
 */
export async function writeGuarded(
  ctx: AppContext,
  requestId: number,
  statements: Statement[],
  explain: () => Promise<never>,
): Promise<void> {
  try {
    await writeAtomically(ctx.db, [...statements, ...chatPostStatements(ctx, requestId, 'card')]);
  } catch (err) {
    if (isGuardFailure(err)) await explain();
    throw err;
  }
}
