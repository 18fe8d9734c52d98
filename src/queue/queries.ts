import { and, asc, count, desc, eq, gt, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import {
  accounts,
  attachments,
  centres,
  mailMessages,
  type RequestStatus,
  requestApprovals,
  requestChecks,
  requestEvents,
  requestFields,
  requests,
} from '../db/schema/index.js';

/** Statuses that still need work; the 48-hour clock runs only for these. */
export const OPEN_STATUSES = ['incomplete', 'awaiting_verification', 'in_verification'] as const;

export type RequestRow = typeof requests.$inferSelect;

export function findRequest(db: Db, reference: string) {
  return db.select().from(requests).where(eq(requests.reference, reference)).get();
}

export interface QueueFilter {
  statuses?: readonly RequestStatus[];
  overdue?: boolean;
  assigneeId?: number | null;
  type?: string;
  now: Date;
}

/**
 * The filter with its values as placeholders: the statuses (a closed list) and which conditions
 * apply make its shape, and one prepared statement serves every call of that shape.
 */
function filterWhere(f: QueueFilter): SQL | undefined {
  const open = inArray(requests.status, [...OPEN_STATUSES]);
  const now = sql.placeholder('now');
  return and(
    f.statuses ? inArray(requests.status, [...f.statuses]) : undefined,
    f.overdue === true ? and(open, lte(requests.dueAt, now)) : undefined,
    f.overdue === false ? gt(requests.dueAt, now) : undefined,
    f.assigneeId === null ? isNull(requests.assigneeId) : undefined,
    typeof f.assigneeId === 'number' ? eq(requests.assigneeId, sql.placeholder('assignee')) : undefined,
    f.type ? eq(requests.type, sql.placeholder('type')) : undefined,
  );
}

const assignee = alias(accounts, 'assignee');

function queueStatements(db: Db, f: QueueFilter) {
  const where = filterWhere(f);
  return {
    rows: db
      .select({
        request: requests,
        centreNumber: centres.number,
        centreName: centres.name,
        assigneeFirst: assignee.firstName,
        assigneeLast: assignee.lastName,
        assigneeEmail: assignee.email,
      })
      .from(requests)
      .leftJoin(centres, eq(centres.id, requests.centreId))
      .leftJoin(assignee, eq(assignee.id, requests.assigneeId))
      .where(where)
      .orderBy(asc(requests.dueAt), asc(requests.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(),
    total: db.select({ n: count() }).from(requests).where(where).prepare(),
  };
}

// Building the two statements was most of a page's time (about 0.3 ms), so each shape is built once.
const shapesOf = preparedPerDb(() => new Map<string, ReturnType<typeof queueStatements>>());

function preparedFor(db: Db, f: QueueFilter) {
  const shape = JSON.stringify([
    f.statuses,
    f.overdue,
    f.assigneeId === null ? null : typeof f.assigneeId,
    !!f.type,
  ]);
  const shapes = shapesOf(db);
  let statements = shapes.get(shape);
  if (!statements) {
    statements = queueStatements(db, f);
    shapes.set(shape, statements);
  }
  return statements;
}

export async function listQueueRows(db: Db, f: QueueFilter, page: number, perPage: number) {
  const statements = preparedFor(db, f);
  const values = {
    now: f.now.getTime(),
    assignee: f.assigneeId,
    type: f.type,
    limit: perPage,
    offset: (page - 1) * perPage,
  };
  const [rows, totals] = await Promise.all([statements.rows.all(values), statements.total.all(values)]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export function findCentreById(db: Db, id: number) {
  return db.select().from(centres).where(eq(centres.id, id)).get();
}

export function findAccount(db: Db, id: number) {
  return db.select().from(accounts).where(eq(accounts.id, id)).get();
}

/** Every value each field has had, oldest first; the row with no superseded_at is the current one. */
export function fieldRowsOf(db: Db, requestId: number) {
  return db
    .select({ field: requestFields, actorEmail: accounts.email })
    .from(requestFields)
    .leftJoin(accounts, eq(accounts.id, requestFields.actorId))
    .where(eq(requestFields.requestId, requestId))
    .orderBy(asc(requestFields.createdAt), asc(requestFields.id));
}

export function currentFieldsOf(db: Db, requestId: number) {
  return db
    .select()
    .from(requestFields)
    .where(and(eq(requestFields.requestId, requestId), isNull(requestFields.supersededAt)));
}

export function messagesOf(db: Db, requestId: number) {
  return db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.requestId, requestId))
    .orderBy(asc(mailMessages.receivedAt), asc(mailMessages.id));
}

export function attachmentsOf(db: Db, requestId: number) {
  return db
    .select({ attachment: attachments, messageId: mailMessages.messageId })
    .from(attachments)
    .innerJoin(mailMessages, eq(mailMessages.id, attachments.mailMessageId))
    .where(eq(mailMessages.requestId, requestId))
    .orderBy(asc(attachments.id));
}

export function findAttachment(db: Db, requestId: number, attachmentId: number) {
  return db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(mailMessages, eq(mailMessages.id, attachments.mailMessageId))
    .where(and(eq(attachments.id, attachmentId), eq(mailMessages.requestId, requestId)))
    .get();
}

export function manualChecksOf(db: Db, requestId: number) {
  return db
    .select({ check: requestChecks, actorEmail: accounts.email })
    .from(requestChecks)
    .innerJoin(accounts, eq(accounts.id, requestChecks.actorId))
    .where(eq(requestChecks.requestId, requestId))
    .orderBy(asc(requestChecks.createdAt), asc(requestChecks.id));
}

export function eventsOf(db: Db, requestId: number) {
  return db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

export function pendingApprovalOf(db: Db, requestId: number) {
  return db.select().from(requestApprovals).where(eq(requestApprovals.requestId, requestId)).get();
}

/** The newest record of a named manual check, e.g. the call-back, or undefined when none was made. */
export function latestCheck(db: Db, requestId: number, name: string) {
  return db
    .select()
    .from(requestChecks)
    .where(and(eq(requestChecks.requestId, requestId), eq(requestChecks.name, name)))
    .orderBy(desc(requestChecks.createdAt), desc(requestChecks.id))
    .get();
}

/** True when a field got a new value after `at`, e.g. a follow-up arrived after a first approval. */
export async function fieldsChangedAfter(db: Db, requestId: number, at: Date): Promise<boolean> {
  const row = await db
    .select({ id: requestFields.id })
    .from(requestFields)
    .where(and(eq(requestFields.requestId, requestId), gt(requestFields.createdAt, at)))
    .get();
  return row !== undefined;
}
