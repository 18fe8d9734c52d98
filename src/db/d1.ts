import type { D1Database } from '@cloudflare/workers-types/index.js';
import { drizzle } from 'drizzle-orm/d1';
import { type Db, schema } from './client.js';

/** What drizzle's batch items share: built SQL, and a mapping of the driver's answer back. */
interface BatchItem {
  _prepare(): {
    getQuery(): { sql: string; params: unknown[] };
    mapResult(result: unknown, isFromBatch: boolean): unknown;
  };
}

/**
 * drizzle over a D1 binding, with `batch` doing what drizzle's own does for every kind of item:
 * drizzle 0.45's D1 batch reads a prepared statement off each item, which a raw `db.run(sql…)` or
 * `db.values(sql…)` with parameters does not have, so such a batch failed on Workers (bulk upload,
 * accepting an invite). Each item's SQL is bound here instead; the batch stays one D1 transaction.
 */
export function d1Database(binding: D1Database): Db {
  const db = drizzle(binding, { schema });
  const batch = async (items: readonly BatchItem[]) => {
    const prepared = items.map((item) => item._prepare());
    const results = await binding.batch(
      prepared.map((p) => {
        const { sql, params } = p.getQuery();
        return binding.prepare(sql).bind(...params);
      }),
    );
    return results.map((result, i) => prepared[i]?.mapResult(result, true));
  };
  return Object.assign(db, { batch }) as unknown as Db;
}
