import { type AddressInfo, createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch, start } from '../support/child.js';

const s = scratch();
afterAll(() => s.remove());

describe('a first npm start that fails', { timeout: 120_000 }, () => {
  it('does not lose the demo tokens: the next start seeds and shows them', async () => {
    const env = { HOST: '127.0.0.1', DATABASE_PATH: s.db, DATA_DIR: s.dir };
    // Something else already has the port, as a newcomer's other project often does.
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((ok) => taken.once('listening', ok));
    const port = String((taken.address() as AddressInfo).port);
    const first = start(['src/server.ts'], { ...env, PORT: port });
    expect(await first.exited).toBe(1);
    expect(first.err()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    taken.close();

    const second = start(['src/server.ts'], { ...env, PORT: '0' });
    try {
      await second.waitFor(/OpenAPI: |database already has data/);
      expect(second.out()).toContain('cymorth demo data is ready');
      expect(second.out()).toMatch(/Authorization: Bearer cym_/);
      expect(second.out()).not.toContain('database already has data');
      await demoRequestsShown(second.out());
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});

/**
 * The demo's requests came through the real intake and the banner says how to look at each: a
 * complete English one, an incomplete Welsh one, and one whose sender failed authentication.
 */
async function demoRequestsShown(out: string) {
  const curls = [
    ...out.matchAll(/curl -s -H "Authorization: Bearer (cym_[\w-]+)" (http:\S+\/api\/v1\/requests\/EO-\S+)/g),
  ];
  expect(curls).toHaveLength(3);
  const requests = [];
  for (const [, token, url] of curls) {
    const res = await fetch(url as string, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    requests.push((await res.json()) as Record<string, unknown>);
  }
  expect(requests.map((r) => [r.status, r.language])).toEqual([
    ['awaiting_verification', 'en'],
    ['incomplete', 'cy'],
    ['awaiting_verification', 'en'],
  ]);
  expect(JSON.stringify(requests[1])).toContain('new_eo_email');
  expect(requests[2]).toMatchObject({ automatic_checks: { authentication: 'fail' } });
}
