import type Database from 'libsql';

export interface CachedStatement {
  statement: Database.Statement<unknown[]>;
  /** Whether it answers rows (a SELECT, or a write with RETURNING); such statements run in raw mode. */
  returnsRows: boolean;
}

/**
 * drizzle builds the same SQL text for a query every time, so preparing each text once saves
 * SQLite's parse and plan on every call. The cap only matters for texts that vary in shape, such as
 * `IN (?, ?, …)` lists of every length; the oldest entry makes room.
 */
export function statementCache(sqlite: Database.Database, cap = 500) {
  const cache = new Map<string, CachedStatement>();
  return {
    get(sql: string): CachedStatement {
      let entry = cache.get(sql);
      if (!entry) {
        const statement = sqlite.prepare(sql) as Database.Statement<unknown[]>;
        // drizzle maps rows by position, so reading statements hand back arrays.
        if (statement.reader) statement.raw(true);
        entry = { statement, returnsRows: statement.reader };
        if (cache.size >= cap) cache.delete(cache.keys().next().value as string);
        cache.set(sql, entry);
      }
      return entry;
    },
    clear(): void {
      cache.clear();
    },
  };
}
