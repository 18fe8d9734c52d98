import type { SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy';
import * as schema from './schema/index.js';

export { schema };

type Schema = typeof schema;

/**
 * The one database type the core sees. On Node it is drizzle's sqlite-proxy over a local libSQL
 * file (db/node.ts); on Workers the D1 driver has the same async query builders and the same
 * `batch`, so `worker.ts` casts its D1 database to this type. Code that needs a statement's effect uses `.returning()`, which both
 * drivers answer alike, rather than driver-specific run results.
 */
export type Db = SqliteRemoteDatabase<Schema>;
