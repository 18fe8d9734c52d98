import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { requests } from './requests.js';

export const CHAT_PLATFORMS = ['slack', 'teams'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

/** Which staff account a chat user is: linked by hand (`cymorth chat link`) or by their Slack profile email. */
export const chatLinks = sqliteTable(
  'chat_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform', { enum: CHAT_PLATFORMS }).notNull(),
    /** Slack user id (U123…) or Teams AAD object id. */
    externalId: text('external_id').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    via: text('via', { enum: ['cli', 'slack_email'] }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('chat_links_external_unique').on(t.platform, t.externalId)],
);

export const CHAT_POST_KINDS = ['card', 'due_soon', 'overdue'] as const;
export type ChatPostKind = (typeof CHAT_POST_KINDS)[number];

/**
 * A post to the triage channel is a row first, like mail: written in the same atomic write as the
 * change it reports, delivered by the chat worker. A `card` row means "show this request as it is
 * now": the worker renders the request at delivery, posts it once and updates that message after.
 */
export const chatPosts = sqliteTable(
  'chat_posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform', { enum: CHAT_PLATFORMS }).notNull(),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id),
    kind: text('kind', { enum: CHAT_POST_KINDS }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('chat_posts_due_idx').on(t.status, t.nextAttemptAt)],
);

/** The triage message a request has in a channel, so later changes update it and reminders thread under it. */
export const chatThreads = sqliteTable(
  'chat_threads',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id),
    platform: text('platform', { enum: CHAT_PLATFORMS }).notNull(),
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.platform] })],
);

/** Slack event ids already handled, so a retried delivery (X-Slack-Retry-Num) changes nothing twice. */
export const chatSeenEvents = sqliteTable('chat_seen_events', {
  eventId: text('event_id').primaryKey(),
  seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull(),
});

export type ChatPostRow = typeof chatPosts.$inferSelect;
