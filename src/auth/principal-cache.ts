import type { Principal } from './principal.js';

/**
 * Who a token belongs to, remembered for a moment. Without it every authenticated request makes a
 * second query before its own, which halves the throughput of a point lookup (bench: centre_lookup).
 *
 * It stays correct because it is forgotten whole: `clear()` runs on every write this process makes
 * (db/node.ts reports them), so a token ended or an account changed here is refused by the very next
 * request. A write by another process (the `cymorth` command) is seen within `ttlMs`.
 */
export interface PrincipalCache {
  get(tokenHash: string, now: number): Principal | undefined;
  /** Taken before the lookup: a write during the lookup makes its answer too old to keep. */
  ticket(): number;
  set(tokenHash: string, principal: Principal, now: number, ticket: number): void;
  clear(): void;
}

export function createPrincipalCache(opts: { ttlMs: number; maxEntries?: number }): PrincipalCache {
  const max = opts.maxEntries ?? 10_000;
  let entries = new Map<string, { principal: Principal; expiresAt: number }>();
  let generation = 0;
  return {
    get(tokenHash, now) {
      const hit = entries.get(tokenHash);
      if (!hit) return undefined;
      if (hit.expiresAt > now) return hit.principal;
      entries.delete(tokenHash);
      return undefined;
    },
    ticket: () => generation,
    set(tokenHash, principal, now, ticket) {
      if (opts.ttlMs <= 0 || ticket !== generation) return;
      if (entries.size >= max) entries = new Map();
      entries.set(tokenHash, { principal, expiresAt: now + opts.ttlMs });
    },
    clear() {
      generation++;
      if (entries.size > 0) entries = new Map();
    },
  };
}
