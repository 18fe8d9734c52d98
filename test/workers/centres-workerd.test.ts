import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractTarget, centresContract, demoTokens } from '../contract/centres.contract.js';
import { bootWorkerd } from './workerd.js';

/** What the Node service uses for files, sockets and processes; workerd has none of it. */
const NODE_ONLY_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'worker_threads',
  'net',
  'tls',
  'dgram',
  'cluster',
];
const NODE_ONLY_PACKAGES = [
  '@libsql/client',
  'libsql',
  'imapflow',
  'smtp-server',
  '@slack/bolt',
  'thread-stream',
];
/** Cloudflare's limit for a Worker on the free plan, compressed. */
const FREE_PLAN_LIMIT = 3 * 1024 * 1024;

let worker: Awaited<ReturnType<typeof bootWorkerd>>;
let target: ContractTarget;
beforeAll(async () => {
  worker = await bootWorkerd();
  target = { fetch: worker.fetch, tokens: demoTokens(worker.tokens) };
});
afterAll(() => worker?.dispose());

describe('the Workers bundle', () => {
  it('leaves out the Node-only parts: no file system, sockets, processes, libSQL or pino transports', () => {
    const imported = worker.bundle.imports.map((m) => m.replace(/^node:/, ''));
    expect(imported.filter((m) => NODE_ONLY_MODULES.includes(m))).toEqual([]);
    expect(worker.bundle.packages.filter((p) => NODE_ONLY_PACKAGES.includes(p))).toEqual([]);
  });

  it('fits the free plan', () => {
    expect(worker.bundle.gzipBytes).toBeLessThan(FREE_PLAN_LIMIT);
  });
});

describe('mail on Workers', () => {
  it('queues the mail a change causes in D1, where it waits for a deliverer', async () => {
    const res = await worker.fetch('/api/v1/centres/67002', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${target.tokens.support}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eo_email: 'swyddog.arholiadau@preseli-demo.cymru' }),
    });
    expect(res.status).toBe(200);
    const { results } = await worker.db
      .prepare('select to_address, language, status, attempts from outbox where to_address = ?')
      .bind('swyddog.arholiadau@preseli-demo.cymru')
      .all();
    expect(results).toEqual([
      { to_address: 'swyddog.arholiadau@preseli-demo.cymru', language: 'cy', status: 'pending', attempts: 0 },
    ]);
  });
});

centresContract(() => target);
