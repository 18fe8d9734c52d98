import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_splitSqlQuery } from 'wrangler';
import { staffTokenSql } from '../../src/auth/d1-bootstrap.js';
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
const NODE_ONLY_PACKAGES = ['@libsql/client', 'libsql', 'imapflow', 'smtp-server', 'thread-stream'];
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
  it('queues the mail a change causes in D1, for the Cron Trigger to send', async () => {
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

  it('leaves queued mail untouched when the Cron Trigger fires without SMTP_URL', async () => {
    await worker.scheduled();
    const row = await worker.db
      .prepare('select status, attempts from outbox where to_address = ?')
      .bind('swyddog.arholiadau@preseli-demo.cymru')
      .first();
    expect(row).toEqual({ status: 'pending', attempts: 0 });
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
    const answer = JSON.parse(text) as { created: number; results: { email: string; account_id: number }[] };
    expect(answer).toMatchObject({ created: 620, rejected: 0 });
    // Each row answers its own account's id, in both statement chunks.
    const { results: written } = await worker.db
      .prepare("select id, email from accounts where last_name = 'Workerd'")
      .all<{ id: number; email: string }>();
    const idOf = new Map(written.map((r) => [r.email, r.id]));
    expect(answer.results.every((r) => r.account_id === idOf.get(r.email))).toBe(true);
    expect(new Set(answer.results.map((r) => r.account_id)).size).toBe(620);
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

describe('spreadsheets on Workers', () => {
  const COLUMNS = 'first_name,last_name,email,hub_role,account_type,language'.split(',');

  it('reads an XLSX bulk upload and answers the XLSX template', async () => {
    const auth = { authorization: `Bearer ${target.tokens.eoCy}` };
    const me = (await (await worker.fetch('/api/v1/me', { headers: auth })).json()) as {
      centre_number: string;
    };
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Users');
    sheet.addRow(COLUMNS);
    sheet.addRow(['Elin', 'Taenlen', 'elin.taenlen@ysgolgwyr.cymru', 'INV', 'user', 'cy']);
    sheet.addRow(['Owain', 'Taenlen', 'not-an-address', 'INV', 'user', 'en']);
    const body = new Uint8Array(await book.xlsx.writeBuffer());
    const res = await worker.fetch(`/api/v1/centres/${me.centre_number}/users/bulk?mode=valid-only`, {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body,
    });
    const text = await res.text();
    expect([res.status, text.slice(0, 600)]).toEqual([201, expect.any(String)]);
    expect(JSON.parse(text)).toMatchObject({ created: 1, rejected: 1 });

    const template = await worker.fetch(`/api/v1/centres/${me.centre_number}/users/template.xlsx`, {
      headers: auth,
    });
    expect([template.status, template.status === 200 ? '' : await template.text()]).toEqual([200, '']);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(Buffer.from(await template.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(read.worksheets[0]?.getRow(1).values).toEqual([undefined, ...COLUMNS]);
  });
});

describe('invites on Workers', () => {
  it('opens the page of an invite’s mailed link, accepts the invite and answers a working token', async () => {
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
    const linkToken = link.split('/invites/')[1];
    // The page the link opens, in the invitee's language; opening it spends nothing.
    const opened = await worker.fetch(`/invites/${linkToken}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<h1>Sefydlu eich mynediad</h1>');
    const accepted = await worker.fetch(`/api/v1/invites/${linkToken}/accept`, {
      method: 'POST',
    });
    expect(accepted.status).toBe(200);
    const { token } = (await accepted.json()) as { token: string };
    const profile = await worker.fetch('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(await profile.json()).toMatchObject({ email: 'nia.workerd@ysgolgwyr.cymru', language: 'cy' });
  });
});

describe('the first token of a deployed Worker', () => {
  /** What `wrangler d1 execute --file` does with the file: its statements, as one batch. */
  async function apply(file: string) {
    const statements = unstable_splitSqlQuery(file);
    await worker.db.batch(statements.map((s) => worker.db.prepare(s)));
  }
  const at = new Date('2026-11-23T09:00:00Z');

  it('makes a working staff token from `cymorth token create --d1-sql`, and another for the same account', async () => {
    const first = await staffTokenSql({
      role: 'admin',
      email: 'Ops@Example.org',
      name: 'Gwenno Ops',
      now: at,
    });
    await apply(first.sql);
    const second = await staffTokenSql({ role: 'admin', email: 'ops@example.org', now: at });
    await apply(second.sql);
    for (const token of [first.token, second.token]) {
      const res = await worker.fetch('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect(await res.json()).toMatchObject({ email: 'Ops@Example.org', first_name: 'Gwenno' });
    }
    const accounts = await worker.db
      .prepare("select count(*) as n from accounts where email_key = 'ops@example.org'")
      .first<{ n: number }>();
    expect(accounts?.n).toBe(1);
  });

  it("refuses the whole file when the address is someone else's account", async () => {
    const eo = await staffTokenSql({ role: 'support', email: 'arholiadau@ysgolgwyr.cymru', now: at });
    await expect(apply(eo.sql)).rejects.toThrow(/NOT NULL/);
    const res = await worker.fetch('/api/v1/me', { headers: { authorization: `Bearer ${eo.token}` } });
    expect(res.status).toBe(401);
  });
});

centresContract(() => target);
