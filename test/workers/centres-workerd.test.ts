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

describe('bulk upload on Workers', () => {
  it('writes every account, invite and invitation mail of a file larger than one statement chunk in D1', async () => {
    const auth = { authorization: `Bearer ${target.tokens.eoCy}` };
    const me = (await (await worker.fetch('/api/v1/me', { headers: auth })).json()) as {
      centre_number: string;
    };
    const rows = Array.from(
      { length: 620 },
      (_, i) => `Person${i},Workerd,p${i}.workerd@ysgolgwyr.cymru,INV,user,${i % 2 ? 'cy' : 'en'}`,
    );
    const res = await worker.fetch(`/api/v1/centres/${me.centre_number}/users/bulk`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: `first_name,last_name,email,hub_role,account_type,language\n${rows.join('\n')}\n`,
    });
    const text = await res.text();
    expect([res.status, text.slice(0, 600)]).toEqual([201, expect.any(String)]);
    expect(JSON.parse(text)).toMatchObject({ created: 620, rejected: 0 });
    const count = async (query: string) => (await worker.db.prepare(query).first<{ n: number }>())?.n;
    expect(
      await count("select count(*) as n from accounts where last_name = 'Workerd' and status = 'invited'"),
    ).toBe(620);
    expect(
      await count(
        "select count(*) as n from invites i join accounts a on a.id = i.account_id where a.last_name = 'Workerd'",
      ),
    ).toBe(620);
    expect(
      await count("select count(*) as n from outbox where to_address like '%.workerd@ysgolgwyr.cymru'"),
    ).toBe(620);
  });
});

describe('invites on Workers', () => {
  it('accepts an invite from its mailed link and answers a working token', async () => {
    const auth = { authorization: `Bearer ${target.tokens.eoCy}`, 'content-type': 'application/json' };
    const me = (await (await worker.fetch('/api/v1/me', { headers: auth })).json()) as {
      centre_number: string;
    };
    const invited = await worker.fetch(`/api/v1/centres/${me.centre_number}/users`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        first_name: 'Nia',
        last_name: 'Workerd',
        email: 'nia.workerd@ysgolgwyr.cymru',
        language: 'cy',
        account_type: 'user',
      }),
    });
    expect(invited.status).toBe(201);
    const mail = await worker.db
      .prepare("select params from outbox where to_address = ? and template = 'invite'")
      .bind('nia.workerd@ysgolgwyr.cymru')
      .first<{ params: string }>();
    const link = String(JSON.parse(mail?.params ?? '{}').link);
    const accepted = await worker.fetch(`/api/v1/invites/${link.split('/invites/')[1]}/accept`, {
      method: 'POST',
    });
    expect(accepted.status).toBe(200);
    const { token } = (await accepted.json()) as { token: string };
    const profile = await worker.fetch('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(await profile.json()).toMatchObject({ email: 'nia.workerd@ysgolgwyr.cymru', language: 'cy' });
  });
});

centresContract(() => target);
