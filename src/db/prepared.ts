import type { Db } from './client.js';

/**
 * A query on the hot path, built once per database instead of on every call: drizzle's query
 * building is a large share of a request's CPU time. The statement takes its values through
 * `sql.placeholder(...)`, so one prepared query serves every call (libSQL and D1 alike).
 */
export function preparedPerDb<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const cache = new WeakMap<Db, Q>();
  return (db) => {
    let q = cache.get(db);
    if (!q) {
      q = build(db);
      cache.set(db, q);
    }
    return q;
  };
}
