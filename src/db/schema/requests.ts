import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { centres } from './centres.js';
import { timestamps } from './columns.js';

export const REQUEST_STATUSES = [
  'incomplete',
  'awaiting_verification',
  'in_verification',
  'approved',
  'rejected',
  'closed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_TYPES = ['eo_change', 'marks_amendment'] as const;

export const FIELD_SOURCES = [
  'body_line',
  'table',
  'free_text',
  'pdf',
  'subject',
  'staff',
  'centre_form',
] as const;

/** A request on the verification queue, e.g. a change of Exams Officer; `reference` is what people read aloud. */
export const requests = sqliteTable(
  'requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reference: text('reference').notNull().unique(),
    type: text('type', { enum: REQUEST_TYPES }).notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    centreId: integer('centre_id').references(() => centres.id),
    language: text('language', { enum: ['en', 'cy'] }).notNull(),
    /** The 48-hour clock starts at the first message. */
    firstMessageAt: integer('first_message_at', { mode: 'timestamp_ms' }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    assigneeId: integer('assignee_id').references(() => accounts.id),
    secondApproverId: integer('second_approver_id').references(() => accounts.id),
    /** Latest automatic check results: { letterhead, signatory_matches, ..., authentication }. */
    checks: text('checks', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    missing: text('missing', { mode: 'json' }).$type<string[]>().notNull(),
    /** Set when a stranger quoted another request's reference: staff should look. */
    flagged: text('flagged'),
    decisionReason: text('decision_reason'),
    lastAutoReplyAt: integer('last_auto_reply_at', { mode: 'timestamp_ms' }),
    warnedAt: integer('warned_at', { mode: 'timestamp_ms' }),
    overdueNotifiedAt: integer('overdue_notified_at', { mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [
    index('requests_status_due_idx').on(t.status, t.dueAt),
    index('requests_centre_idx').on(t.centreId),
  ],
);

/** Every value a field has had, with where it came from; the newest unsuperseded row is current. */
export const requestFields = sqliteTable(
  'request_fields',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id),
    name: text('name').notNull(),
    value: text('value').notNull(),
    source: text('source', { enum: FIELD_SOURCES }).notNull(),
    mailMessageId: integer('mail_message_id').references(() => mailMessages.id),
    actorId: integer('actor_id').references(() => accounts.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    supersededAt: integer('superseded_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('request_fields_request_idx').on(t.requestId, t.name)],
);

/** Checks staff record by hand, such as the call-back to the centre's registered telephone. */
export const requestChecks = sqliteTable(
  'request_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id),
    name: text('name').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    note: text('note'),
    actorId: integer('actor_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('request_checks_request_idx').on(t.requestId)],
);

/** Every message the mailbox gave us, stored once whatever happens to it. */
export const mailMessages = sqliteTable(
  'mail_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull(),
    /** `uidvalidity:uid` for IMAP, `file:<sha256>` for the drop folder and `cymorth ingest`. */
    mailboxKey: text('mailbox_key'),
    rawSha256: text('raw_sha256').notNull(),
    rawPath: text('raw_path').notNull(),
    fromAddress: text('from_address'),
    subject: text('subject'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    inReplyTo: text('in_reply_to'),
    references: text('references', { mode: 'json' }).$type<string[]>().notNull(),
    requestId: integer('request_id').references(() => requests.id),
    outcome: text('outcome', { enum: ['created', 'joined', 'duplicate', 'set_aside'] }).notNull(),
    reason: text('reason'),
    language: text('language', { enum: ['en', 'cy'] }),
    authentication: text('authentication', { enum: ['pass', 'fail', 'none'] })
      .notNull()
      .default('none'),
    dismissedAt: integer('dismissed_at', { mode: 'timestamp_ms' }),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('mail_messages_message_id_unique').on(t.messageId),
    uniqueIndex('mail_messages_mailbox_key_unique').on(t.mailboxKey),
    index('mail_messages_request_idx').on(t.requestId),
  ],
);

/** Attachments are content-addressed files under DATA_DIR; this row says which message carried which. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mailMessageId: integer('mail_message_id')
      .notNull()
      .references(() => mailMessages.id),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('attachments_message_idx').on(t.mailMessageId)],
);

/** Per-year counters for references such as EO-2026-00042. */
export const sequences = sqliteTable('sequences', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** Where the IMAP reader got to, so a restart neither skips nor repeats. */
export const mailboxState = sqliteTable('mailbox_state', {
  mailbox: text('mailbox').primaryKey(),
  uidValidity: text('uid_validity').notNull(),
  lastUid: integer('last_uid').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
