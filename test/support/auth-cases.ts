import { beforeAll, describe, expect, it } from 'vitest';
import type { CreateTokenInput } from '../../src/auth/token-service.js';
import { createHarness, type DemoTokens, type Harness } from './harness.js';

/** Demo callers, plus accounts the demo seed has no token for. */
export type Caller = keyof DemoTokens | 'moderator' | 'centreAdmin' | 'userEn';

const EXTRA: Record<Exclude<Caller, keyof DemoTokens>, CreateTokenInput> = {
  moderator: { role: 'moderator', email: 'safonwr@cymorth.localhost', name: 'Mari Moderator' },
  centreAdmin: { role: 'admin', centre: '68123', email: 'gweinyddwr@ysgolgwyr.cymru', name: 'Huw Admin' },
  userEn: { role: 'user', centre: '66410', email: 'teacher@stteilos-demo.org.uk', name: 'Tom Teacher' },
};

export interface RouteAuthCase {
  method: string;
  path: string;
  body?: unknown;
  /** Callers the route serves: each must get past authorisation (no 401, no 403). */
  allowed: Caller[];
  /** Callers refused because of their role: 403 `forbidden`. */
  wrongRole: Caller[];
  /** Callers with the right role at another centre: 403 `forbidden`. */
  otherCentre?: Caller[];
}

/** Tokens for every caller over one harness. */
export async function callerTokens(h: Harness): Promise<Record<Caller, string>> {
  const extra = Object.fromEntries(
    await Promise.all(Object.entries(EXTRA).map(async ([k, input]) => [k, await h.makeToken(input)])),
  ) as Record<Exclude<Caller, keyof DemoTokens>, string>;
  return { ...h.tokens, ...extra };
}

/**
 * The authorisation cases every route shares (after unkey's `runCommonRouteTests`): no token and a
 * bad token are 401, a wrong role and another centre's account are 403, both with the error shape
 * and a translated message; the callers the route serves get through.
 */
export function runCommonRouteTests(route: RouteAuthCase) {
  describe(`${route.method} ${route.path}: authorisation`, () => {
    let h: Harness;
    let tokens: Record<Caller, string>;
    beforeAll(async () => {
      h = await createHarness();
      tokens = await callerTokens(h);
      return () => h.close();
    });
    const send = (token?: string, headers?: Record<string, string>) =>
      h.call(route.method, route.path, { token, body: route.body, headers });

    it('answers 401 without a token, in English and in Welsh', async () => {
      const en = await send();
      expect(en.status).toBe(401);
      expect(en.json.error).toEqual({
        code: 'unauthorized',
        message: 'Sign in first: send a valid token in the Authorization header (Bearer).',
      });
      const cy = await send(undefined, { 'accept-language': 'cy' });
      expect(cy.status).toBe(401);
      expect(cy.json.error.message).toBe(
        'Mewngofnodwch yn gyntaf: anfonwch docyn dilys yn y pennyn Authorization (Bearer).',
      );
    });

    it('answers 401 with a bad token or a malformed Authorization header', async () => {
      for (const authorization of [
        'Bearer cym_not-a-real-token',
        `Basic ${btoa('a:b')}`,
        'Bearer',
        `Bearer ${h.tokens.support}x`,
      ]) {
        const res = await send(undefined, { authorization });
        expect(res.status, authorization).toBe(401);
        expect(res.json.error.code).toBe('unauthorized');
      }
    });

    for (const caller of route.wrongRole) {
      it(`answers 403 to a ${caller} token (wrong role)`, async () => {
        const res = await send(tokens[caller], { 'accept-language': 'en' });
        expect(res.status).toBe(403);
        expect(res.json.error).toEqual({
          code: 'forbidden',
          message: expect.stringMatching(/permission|ganiatâd/),
        });
      });
    }

    for (const caller of route.otherCentre ?? []) {
      it(`answers 403 to a ${caller} token from another centre`, async () => {
        const res = await send(tokens[caller], { 'accept-language': 'en' });
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe('forbidden');
      });
    }

    it(`lets ${route.allowed.join(', ')} through`, async () => {
      for (const caller of route.allowed) {
        const res = await send(tokens[caller]);
        expect([401, 403], `${caller}: ${res.text}`).not.toContain(res.status);
        expect(res.status, `${caller}: ${res.text}`).toBeLessThan(500);
      }
    });
  });
}
