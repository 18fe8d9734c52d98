import { existsSync, statSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { basename, join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node.js';
import { centres } from '../../src/db/schema/index.js';
import { type Started, scratch, start } from '../support/child.js';

const s = scratch();
const env = { PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: s.db, DATA_DIR: s.dir, LOG_LEVEL: 'info' };
let server: Started;
let base: string;

beforeAll(async () => {
  server = start(['src/server.ts'], env);
  base = (await server.waitFor(/curl .*?(http:\/\/127\.0\.0\.1:\d+)\/api/))[1] as string;
  await server.waitFor(/OpenAPI: /);
});
afterAll(() => {
  server.child.kill('SIGKILL');
  s.remove();
});

/** A printed curl line as fetch would send it: method, headers, body and URL. */
function parseCurl(line: string) {
  const headers: Record<string, string> = {};
  for (const [, h] of line.matchAll(/-H "([^"]+)"/g)) {
    const [name, ...value] = (h as string).split(':');
    headers[(name as string).toLowerCase()] = value.join(':').trim();
  }
  const method = line.match(/-X (\w+)/)?.[1] ?? 'GET';
  const body = line.match(/-d '([^']*)'/)?.[1];
  const url = line.match(/"?(http:\/\/[^"\s]+)"?\s*$/)?.[1] as string;
  return { method, headers, body, url };
}

describe('npm start on an empty database', { timeout: 120_000 }, () => {
  it('seeds the demo and prints tokens and curl lines for the port it listens on', () => {
    expect(server.out()).toContain('cymorth demo data is ready');
    const curls = server
      .out()
      .split('\n')
      .filter((l) => l.trim().startsWith('curl '));
    expect(curls.length).toBeGreaterThanOrEqual(3);
    for (const line of curls) {
      expect(line).toMatch(/-H "Authorization: Bearer cym_[\w-]{40,}"/);
      expect(line).toContain(base);
    }
  });

  it('answers every printed curl line as printed', async () => {
    const curls = server
      .out()
      .split('\n')
      .filter((l) => l.trim().startsWith('curl '));
    for (const line of curls) {
      const { method, headers, body, url } = parseCurl(line);
      const res = await fetch(url, { method, headers, body });
      const json = (await res.json()) as { error: { details: unknown[] } };
      if (method === 'GET') {
        expect(res.status, line).toBe(200);
      } else {
        // The PATCH example shows the validation answer on purpose.
        expect(res.status, line).toBe(400);
        expect(json.error.details[0]).toMatchObject({ field: 'ukprn', code: 'ukprn' });
      }
    }
    const lookup = parseCurl(curls[0] as string);
    const centre = await (await fetch(lookup.url, { headers: lookup.headers })).json();
    expect(centre).toMatchObject({ number: '68123', name: 'Ysgol Gyfun Gŵyr' });
  });

  it('answers /healthz and logs JSON lines with request ids', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    const id = res.headers.get('x-request-id');
    const line = await server.waitFor(new RegExp(`\\{[^\\n]*"request_id":"${id}"[^\\n]*\\}`));
    expect(JSON.parse(line[0])).toMatchObject({ msg: 'request', path: '/healthz', status: 200 });
  });
});

describe('X-Request-Id on the Node server', { timeout: 60_000 }, () => {
  const token = () => server.out().match(/Authorization: Bearer (cym_[\w-]+)/)?.[1] as string;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  // JSON, an error, a page, a download and an unknown path leave through different paths in
  // @hono/node-server; each must carry one id, the caller's own when it gave a plain one.
  const answers = [
    ['a JSON answer', '/healthz', false, 200],
    ['a refusal', '/api/v1/centres/68123', false, 401],
    ['a page', '/docs', false, 200],
    ['a download', '/api/v1/centres/68123/users/template.csv', true, 200],
    ['an unknown path', '/nowhere', false, 404],
  ] as const;
  for (const [what, path, authed, status] of answers)
    it(`gives ${what} one id, keeping the caller's`, async () => {
      const auth: Record<string, string> = authed ? { authorization: `Bearer ${token()}` } : {};
      const own = await fetch(`${base}${path}`, { headers: { ...auth, 'x-request-id': 'trace-42' } });
      expect(own.status).toBe(status);
      expect(own.headers.get('x-request-id')).toBe('trace-42');
      const fresh = await fetch(`${base}${path}`, { headers: { ...auth, 'x-request-id': 'not plain!' } });
      expect(fresh.headers.get('x-request-id')).toMatch(UUID);
      await Promise.all([own.arrayBuffer(), fresh.arrayBuffer()]);
    });
});

describe('SIGTERM', { timeout: 120_000 }, () => {
  it('finishes the request in flight, exits 0 and leaves the database closed', async () => {
    const token = server.out().match(/Bearer (cym_[\w-]+)/)?.[1] as string;
    const url = new URL(base);
    const body = JSON.stringify({ title: 'Dr' });
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => {
      answer += d;
    });
    const ended = new Promise((ok) => socket.once('end', ok));
    // Expect: 100-continue makes the server say when it has the request's head: then it is in flight.
    socket.write(
      `PATCH /api/v1/me HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await new Promise<void>((ok) => {
      const seen = () => (answer.includes('100 Continue') ? ok() : socket.once('data', seen));
      socket.once('data', seen);
    });
    server.child.kill('SIGTERM');
    await server.waitFor(/shutting down/);
    socket.write(body);
    await ended;
    expect(answer).toMatch(/HTTP\/1\.1 200 OK/);
    expect(answer).toContain('"title":"Dr"');
    expect(await server.exited).toBe(0);
    // Closed cleanly: SQLite checkpointed and removed the WAL when the last connection closed.
    expect(!existsSync(`${s.db}-wal`) || statSync(`${s.db}-wal`).size === 0).toBe(true);
    const reopened = await openNodeDatabase(s.db);
    const [row] = await reopened.db.select({ n: count() }).from(centres);
    reopened.close();
    expect(row?.n).toBe(5);
  });

  it('does not reseed on a second start over the same database', async () => {
    const again = start(['src/server.ts'], env);
    const port = (await again.waitFor(/"port":(\d+)/))[1];
    await again.waitFor(/database already has data/);
    expect(again.out()).not.toContain('demo data is ready');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    const reopened = await openNodeDatabase(s.db);
    const [row] = await reopened.db.select({ n: count() }).from(centres);
    reopened.close();
    expect(row?.n).toBe(5);
  });
});

describe('start-up failures an operator can fix', { timeout: 60_000 }, () => {
  it('says in one line that the port is taken, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = String((taken.address() as AddressInfo).port);
    const t = scratch();
    try {
      const failed = start(['src/server.ts'], { ...env, PORT: port, DATABASE_PATH: t.db, DATA_DIR: t.dir });
      expect(await failed.exited).toBe(1);
      expect(failed.err()).toBe(
        `cymorth: port ${port} on 127.0.0.1 is already in use; set PORT to a free port (PORT=${Number(port) + 1} npm start)\n`,
      );
    } finally {
      taken.close();
      t.remove();
    }
  });

  // Places where no folder can be made: under a plain file, and under /proc, where Node's own
  // recursive mkdir never returns (a regression there is killed, not left spinning).
  const places = [
    ['under a plain file', (dir: string) => join(dir, 'plain', 'inside')],
    ['under /proc', (dir: string) => join('/proc', basename(dir), 'inside')],
  ] as const;
  const settings = [
    ['DATA_DIR', 'mail and files cannot be kept', 'cannot write to DATA_DIR='],
    ['DATABASE_PATH', 'the database cannot live', 'cannot open the database at DATABASE_PATH='],
  ] as const;
  for (const [name, what, line] of settings)
    for (const [where, place] of places)
      it(`names ${name} in one line when ${what} ${where}, and exits 1`, async () => {
        const t = scratch();
        try {
          writeFileSync(join(t.dir, 'plain'), 'a file, not a folder');
          const bad = place(t.dir);
          const failed = start(['src/server.ts'], {
            ...env,
            DATABASE_PATH: t.db,
            DATA_DIR: t.dir,
            [name]: bad,
          });
          const hung = setTimeout(() => failed.child.kill('SIGKILL'), 30_000);
          expect(await failed.exited.finally(() => clearTimeout(hung))).toBe(1);
          expect(failed.err()).toMatch(new RegExp(`^cymorth: ${line}${bad}: [^\\n]+\\n$`));
        } finally {
          t.remove();
        }
      });
});
