import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

// 68201 is another demo centre; 99999 is no centre at all.
const PATHS = [
  ['GET', (n: string) => `/api/v1/centres/${n}`],
  ['PATCH', (n: string) => `/api/v1/centres/${n}`],
  ['GET', (n: string) => `/api/v1/centres/${n}/audit`],
  ['GET', (n: string) => `/api/v1/centres/${n}/users`],
] as const;

describe('a centre account cannot tell which centre numbers exist', () => {
  for (const [method, path] of PATHS)
    it(`gets the same answer from ${method} ${path('{number}')} for another centre and for no centre`, async () => {
      const body = method === 'PATCH' ? { telephone: '029 2018 0101' } : undefined;
      const other = await h.call(method, `${path('68201')}?lang=en`, { token: h.tokens.eoCy, body });
      const unknown = await h.call(method, `${path('99999')}?lang=en`, { token: h.tokens.eoCy, body });
      expect(other.status).toBe(403);
      expect([unknown.status, unknown.json]).toEqual([other.status, other.json]);
    });

  it('still tells staff that a number is unknown', async () => {
    const res = await h.call('GET', '/api/v1/centres/99999?lang=en', { token: h.tokens.helpline });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('centre_not_found');
  });
});
