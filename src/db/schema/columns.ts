import { integer } from 'drizzle-orm/sqlite-core';

/** Timestamps are UTC milliseconds set by the app's clock, never by SQLite, so tests can fix time. */
export const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
};
