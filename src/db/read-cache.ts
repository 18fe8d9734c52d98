import type { AppContext } from '../context.js';
import type { Db } from './client.js';

/**
 * Answers of a hot read, remembered while the database stays as it was (`ctx.dataVersion`): a write
 * by this process or a commit by another forgets them all at the next call, so none is ever stale.
 * Where writes cannot be seen (Workers) nothing is kept. Callers share what is returned: never
 * mutate it. Anything that depends on the clock must be worked out from it, not kept in it.
 */
export function readCache<V>(maxEntries = 1000) {
  const perDb = new WeakMap<Db, { version: number; entries: Map<string, V> }>();
  return async (ctx: AppContext, key: string, read: () => Promise<V>): Promise<V> => {
    const version = ctx.dataVersion?.();
    if (version === undefined) return read();
    let kept = perDb.get(ctx.db);
    if (kept?.version !== version) {
      kept = { version, entries: new Map() };
      perDb.set(ctx.db, kept);
    }
    if (kept.entries.has(key)) return kept.entries.get(key) as V;
    // A write while this reads moves the version, so the map it lands in is already discarded.
    const value = await read();
    if (kept.entries.size >= maxEntries) kept.entries.clear();
    kept.entries.set(key, value);
    return value;
  };
}
