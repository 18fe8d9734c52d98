import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient, type InStatement, type TransactionMode } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { type Db, schema } from './client.js';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface NodeDatabase {
  db: Db;
  client: Client;
  /** Checkpoints the WAL into the database file, then closes every connection. */
  close(): Promise<void>;
}

const isRead = (statement: InStatement) =>
  /^\s*select\b/i.test(typeof statement === 'string' ? statement : statement.sql);

/**
 * The client as drizzle sees it, calling `onWrite` after any statement that is not a plain SELECT
 * (so caches of what the database says, such as auth's principal cache, can forget it).
 */
function reportingWrites(client: Client, onWrite: () => void): Client {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === 'execute')
        return async (statement: InStatement) => {
          try {
            return await target.execute(statement);
          } finally {
            if (!isRead(statement)) onWrite();
          }
        };
      if (key === 'batch')
        return async (statements: InStatement[], mode?: TransactionMode) => {
          try {
            return await target.batch(statements, mode);
          } finally {
            if (!statements.every(isRead)) onWrite();
          }
        };
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Opens (creating if needed) the SQLite file, turns on WAL and foreign keys, and applies every migration. */
export async function openNodeDatabase(
  path: string,
  opts: { onWrite?: () => void } = {},
): Promise<NodeDatabase> {
  const url = path === ':memory:' ? ':memory:' : `file:${path}`;
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  // One connection: local libSQL runs each statement synchronously on this thread, so a pool adds
  // no parallelism, only connections without this function's PRAGMAs (busy_timeout was 0 on them)
  // and a page cache each (up to 20 under load). Interactive transactions are not used (atomic.ts).
  const client = createClient({ url, concurrency: 1 });
  if (path !== ':memory:') await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA busy_timeout = 5000');
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(opts.onWrite ? reportingWrites(client, opts.onWrite) : client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // libSQL leaves the WAL behind on close, so a stopped service would leave data outside the .sqlite
  // file (a copy of the file alone would miss it); checkpointing first leaves one self-contained file.
  const close = async () => {
    try {
      if (path !== ':memory:') await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      client.close();
    }
  };
  return { db, client, close };
}
