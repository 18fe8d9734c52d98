import type { Result } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SplitRouter } from '../../src/http/split-router.js';
import { createHarness, type Harness } from '../support/harness.js';

const SUBTREE = '/api/v1/centres/:number/users';
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A router's answer as `[handler, params]` in order: the trie keeps params whole, RegExpRouter by index. */
function matched<T>(result: Result<T>): [T, Record<string, string | undefined>][] {
  const [handlers, stash] = result as [[T, Record<string, string | number>][], string[] | undefined];
  return handlers.map(([handler, params]) => [
    handler,
    Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, stash && typeof v === 'number' ? stash[v] : String(v)]),
    ),
  ]);
}

/** Request paths for a route pattern: its parameters filled in, and near misses around it. */
function pathsFor(pattern: string): string[] {
  const filled = pattern.replace(/:(\w+)/g, (_, name) => `v-${name}`).replace(/\*$/, 'a/b.js');
  return [filled, `${filled}/`, `${filled}/extra`, `${filled}x`];
}

describe('the app router', () => {
  it('matches every path as one plain TrieRouter holding all routes would, in the same order', () => {
    const reference = new TrieRouter<unknown>();
    const split = new SplitRouter<unknown>(SUBTREE);
    for (const r of h.app.routes) {
      reference.add(r.method, r.path, r.handler);
      split.add(r.method, r.path, r.handler);
    }
    const paths = new Set([
      ...h.app.routes.flatMap((r) => pathsFor(r.path)),
      '/',
      '/nowhere',
      '/api/v1/centres/68123/users',
      '/api/v1/centres/68123/usersx',
      '/api/v1/centres/68123/users/summary.csv',
      '/api/v1/centres/68123/users/42/hidden-assessments',
    ]);
    let compared = 0;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      for (const path of paths) {
        expect(matched(split.match(method, path)), `${method} ${path}`).toEqual(
          matched(reference.match(method, path)),
        );
        compared++;
      }
    expect(compared).toBeGreaterThan(500);
  });

  it("keeps Hono's RegExpRouter for every route outside the centre users' subtree", async () => {
    expect((await h.call('GET', '/healthz')).status).toBe(200);
    expect(h.app.router.name).toBe(`SplitRouter (SmartRouter + RegExpRouter; TrieRouter under ${SUBTREE})`);
  });
});
