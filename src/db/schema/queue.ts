import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { requests } from './requests.js';

export const REQUEST_EVENT_TYPES = [
  'created',
  'message_joined',
  'reply_queued',
  'claimed',
  'released',
  'check_recorded',
  'field_corrected',
  'info_requested',
  'first_approval',
  'approved',
  'rejected',
  'due_soon',
  'overdue',
] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

/**
 * A request's timeline. Staff actions write their event first in the batch, with `request_id` taken
 * from a guarded subquery: when the request is no longer in the state the action expects, the
 * subquery is NULL, the NOT NULL constraint fails and the whole batch rolls back, so a stale or
 * repeated click changes nothing and sends nothing.
 */
export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id),
    type: text('type', { enum: REQUEST_EVENT_TYPES }).notNull(),
    actorId: integer('actor_id').references(() => accounts.id),
    actorLabel: text('actor_label').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('request_events_request_idx').on(t.requestId, t.at),
    // A request is decided once, and each clock event is emitted once.
    uniqueIndex('request_events_one_decision')
      .on(t.requestId)
      .where(sql`${t.type} in ('approved', 'rejected')`),
    uniqueIndex('request_events_clock_once')
      .on(t.requestId, t.type)
      .where(sql`${t.type} in ('due_soon', 'overdue')`),
  ],
);

/**
 * The claimer's approval of a request whose automatic checks did not all pass, waiting for a second
 * member of staff. One per request; releasing the request withdraws it.
 */
export const requestApprovals = sqliteTable('request_approvals', {
  requestId: integer('request_id')
    .primaryKey()
    .references(() => requests.id),
  approverId: integer('approver_id')
    .notNull()
    .references(() => accounts.id),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export type RequestEventRow = typeof requestEvents.$inferSelect;
