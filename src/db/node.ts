import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { migrate } from 'drizzle-orm/sqlite-proxy/migrator';
import Database from 'libsql';
import { makeDir } from '../files/make-dir.js';
import { type Db, schema } from './client.js';
import { dataVersion } from './data-version.js';
import { statementCache } from './statement-cache.js';

const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface NodeDatabase {
  db: Db;
  /** The connection itself, for tests that look under the query builders. */
  sqlite: Database.Database;
  /** Moves whenever the data may have changed, by this process or another (data-version.ts). */
  version(): number;
  /** Checkpoints the WAL into the database file, then closes the connection. */
  close(): Promise<void>;
}

/** Whether a statement may change data: anything but a plain SELECT. */
const writes = (sql: string) => !/^\s*select\b/i.test(sql);

type Method = 'run' | 'all' | 'values' | 'get';
interface Query {
  sql: string;
  params: unknown[];
  method: Method;
}

/**
 * Opens (creating if needed) the SQLite file, turns on WAL and foreign keys, and applies every
 * migration. `onWrite` runs after any statement that is not a plain SELECT, so caches of what the
 * database says (auth's principal cache) can forget it.
 *
 * drizzle talks to libSQL's synchronous, better-sqlite3-style connection through its sqlite-proxy
 * driver, with each statement prepared once and kept (see statement-cache.ts): @libsql/client
 * prepares every statement anew and reads its column metadata twice per call, which made a point
 * lookup cost about 250 µs on a 2-core machine, against about 20 µs this way.
 */
export async function openNodeDatabase(
  path: string,
  opts: { onWrite?: () => void } = {},
): Promise<NodeDatabase> {
  if (path !== ':memory:') makeDir(dirname(resolve(path)));
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.exec('PRAGMA journal_mode = WAL');
  sqlite.exec('PRAGMA busy_timeout = 5000');
  sqlite.exec('PRAGMA foreign_keys = ON');
  const statements = statementCache(sqlite);
  const versions = dataVersion(sqlite);
  const onWrite = () => {
    versions.wrote();
    opts.onWrite?.();
  };

  const execute = ({ sql, params, method }: Query): { rows: unknown } => {
    const s = statements.get(sql);
    if (!s.returnsRows) {
      s.statement.run(params);
      return { rows: [] };
    }
    return { rows: method === 'get' ? s.statement.get(params) : s.statement.all(params) };
  };

  const single = async (sql: string, params: unknown[], method: Method) => {
    try {
      return execute({ sql, params, method }) as { rows: unknown[] };
    } finally {
      if (writes(sql)) onWrite();
    }
  };

  // A batch is one IMMEDIATE transaction run without yielding, so nothing else on this thread can
  // interleave and no other process can take the write lock half-way (the atomic helper's promise).
  const batch = async (queries: Query[]) => {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const results = queries.map(execute);
      sqlite.exec('COMMIT');
      return results as { rows: unknown[] }[];
    } catch (err) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw err;
    } finally {
      if (queries.some((q) => writes(q.sql))) onWrite();
    }
  };

  const db = drizzle(single, batch, { schema }) as unknown as Db;
  await migrate(
    db,
    async (queries) => {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        for (const q of queries) sqlite.exec(q);
        sqlite.exec('COMMIT');
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw err;
      }
    },
    { migrationsFolder: MIGRATIONS_DIR },
  );

  // Checkpointing before close leaves one self-contained file: a copy of the .sqlite file alone
  // would otherwise miss whatever is still in the WAL.
  const close = async () => {
    try {
      if (path !== ':memory:') sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      statements.clear();
      sqlite.close();
    }
  };
  return { db, sqlite, version: versions.current, close };
}
