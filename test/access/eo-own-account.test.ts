import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { USERS } from './support.js';

let h: Harness;
let eoId: number;
beforeEach(async () => {
  h = await createHarness();
  eoId = (await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy })).json.id;
});
afterEach(() => h.close());

// Each refusal to the Exams Officer about their own account says what is true for that account:
// nobody above them to ask, a type that never changes, a login that follows the centre's details.
describe("the Exams Officer's own account", () => {
  it('changing its own type says the EO account type is fixed, not "ask your Exams Officer"', async () => {
    const res = await h.call('PATCH', `${USERS}/${eoId}?lang=en`, {
      token: h.tokens.eoCy,
      body: { account_type: 'user' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('eo_account_fixed');
    expect(res.json.error.message).not.toMatch(/Ask your centre/);
  });

  it('limiting its access does not advise making it a User account', async () => {
    const res = await h.call('PUT', `${USERS}/${eoId}/access?lang=en`, {
      token: h.tokens.support,
      body: { grants: ['results'] },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('grants_implied');
    expect(res.json.error.message).not.toMatch(/User account first/);
    expect(res.json.error.message).toMatch(/cannot become a User account/);
  });

  it('changing its own email says where the EO address is changed, in both languages', async () => {
    for (const [path, token] of [
      ['/api/v1/me', h.tokens.eoCy],
      [`${USERS}/${eoId}`, h.tokens.eoCy],
    ] as const) {
      const res = await h.call('PATCH', `${path}?lang=en`, {
        token,
        body: { email: 'newe@ysgolgwyr.cymru' },
      });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('own_email_change');
      expect(res.json.error.message).not.toMatch(/Exams Officer or an Admin/);
      expect(res.json.error.message).toContain('PATCH /api/v1/centres/68123');
    }
    const cy = await h.call('PATCH', '/api/v1/me?lang=cy', {
      token: h.tokens.eoCy,
      body: { email: 'n@ysgolgwyr.cymru' },
    });
    expect(cy.json.error.message).toMatch(
      /^Cyfeiriad Swyddog Arholiadau eich canolfan yw eich cyfeiriad e-bost/,
    );
  });

  it("a User is still told to ask the centre's Exams Officer or an Admin, and staff are not", async () => {
    const user = await h.call('PATCH', '/api/v1/me?lang=en', {
      token: h.tokens.user,
      body: { email: 'x@y.cymru' },
    });
    expect(user.json.error.message).toMatch(/Ask your centre's Exams Officer or an Admin/);
    const staff = await h.call('PATCH', '/api/v1/me?lang=en', {
      token: h.tokens.support,
      body: { email: 'x@y.cymru' },
    });
    expect(staff.json.error.code).toBe('own_email_change');
    expect(staff.json.error.message).not.toMatch(/centre/);
  });
});
