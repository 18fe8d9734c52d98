import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combine, type LoadResult, runLoad } from '../../bench/lib/load.js';

let server: Server;
let base: string;
const seenAuth = new Set<string | undefined>();

beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuth.add(req.headers.authorization);
    res.writeHead(req.url === '/ok' ? 200 : 404, { 'content-type': 'text/plain' }).end('x');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('the bench load generator (wrk)', { timeout: 30_000 }, () => {
  it('reports throughput and latency of a closed-loop run, sending the given headers', async () => {
    const r = await runLoad({
      url: `${base}/ok`,
      headers: { authorization: 'Bearer t' },
      connections: 4,
      durationSec: 1,
    });
    expect(r.requests).toBeGreaterThan(100);
    expect(r.reqPerSec).toBeGreaterThan(100);
    expect(r.p99_ms).toBeGreaterThan(0);
    expect(r.p99_ms).toBeGreaterThanOrEqual(r.p50_ms);
    expect(r.errors).toBe(0);
    expect(r.non2xx).toBe(0);
    expect([...seenAuth]).toEqual(['Bearer t']);
  });

  it('counts refusals, so a row can fail on them rather than report them as speed', async () => {
    const r = await runLoad({ url: `${base}/missing`, connections: 2, durationSec: 1 });
    expect(r.non2xx).toBe(r.requests);
  });

  it('takes the median round, so one disturbed round does not move the figure', () => {
    const round = (reqPerSec: number, p99_ms: number): LoadResult => ({
      reqPerSec,
      p50_ms: p99_ms / 2,
      p99_ms,
      requests: 10,
      errors: 0,
      non2xx: 0,
    });
    const c = combine([round(7000, 9.5), round(3000, 45), round(7200, 9.4), round(7100, 9.6)]);
    expect(c.reqPerSec).toBe(7050);
    expect(c.p99_ms).toBe(9.55);
    expect(c.requests).toBe(40);
  });
});
