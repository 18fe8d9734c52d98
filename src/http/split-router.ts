import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';

/** `/api/v1/centres/:number/users` → a test for request paths at or under it. */
function pathsUnder(prefix: string): RegExp {
  const segments = prefix
    .split('/')
    .map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}(?:/|$)`);
}

/**
 * Hono's RegExpRouter matches a path several µs faster than its TrieRouter, but it refuses a static
 * segment beside a parameter anywhere in the app, and issue 3's paths put `/users/summary.csv` beside
 * `/users/{id}`, so Hono falls back to the trie for every route. This router keeps the routes under
 * `prefix` (where those siblings live) in a TrieRouter and all others in the fast router, which is
 * still Hono's SmartRouter, so a conflict elsewhere later costs speed, not correctness. A request is
 * matched by whichever side holds the routes that can match it; a wildcard route (middleware) goes to
 * both. test/http/split-router.test.ts checks every route of the app against a plain TrieRouter.
 */
export class SplitRouter<T> implements Router<T> {
  readonly #prefix: string;
  readonly #under: RegExp;
  readonly #fast = new SmartRouter<T>({ routers: [new RegExpRouter(), new TrieRouter()] });
  readonly #subtree = new TrieRouter<T>();

  constructor(prefix: string) {
    this.#prefix = prefix;
    this.#under = pathsUnder(prefix);
  }

  get name(): string {
    return `SplitRouter (${this.#fast.name}; ${this.#subtree.name} under ${this.#prefix})`;
  }

  add(method: string, path: string, handler: T): void {
    const wildcard = path.endsWith('*');
    const inSubtree = path === this.#prefix || path.startsWith(`${this.#prefix}/`);
    if (wildcard || inSubtree) this.#subtree.add(method, path, handler);
    if (wildcard || !inSubtree) this.#fast.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    return (this.#under.test(path) ? this.#subtree : this.#fast).match(method, path);
  }
}
