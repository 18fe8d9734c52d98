import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommonRouteTests } from '../support/auth-cases.js';
import { createHarness, type Harness } from '../support/harness.js';

// The demo data: unit 1 (3700U1) at 68123 is submitted with its sample; unit 2 (3000U1) is being marked.
const readers = ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin'] as const;
const writers = ['support', 'admin', 'eoCy', 'centreAdmin'] as const;

runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/centres/68123/units',
  allowed: [...readers],
  wrongRole: ['user', 'moderator'],
  otherCentre: ['eoEn', 'userEn'],
});
runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/centres/68123/units/1/marksheet',
  allowed: [...readers],
  wrongRole: ['user', 'moderator'],
  otherCentre: ['eoEn', 'userEn'],
});
runCommonRouteTests({
  method: 'PUT',
  path: '/api/v1/centres/68123/units/2/marks',
  body: { rows: [{ candidate_number: '1012', marks: { mark: 50 }, version: 2 }] },
  allowed: [...writers],
  wrongRole: ['user', 'helpline', 'moderator'],
  otherCentre: ['eoEn'],
});
runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/centres/68123/units/1/sample',
  allowed: [...readers],
  wrongRole: ['user', 'moderator'],
  otherCentre: ['eoEn'],
});
runCommonRouteTests({
  method: 'POST',
  path: '/api/v1/centres/68123/units/1/amendments',
  body: { candidate_number: '1012', component: 'task_1', mark: 13, reason: 'Added up wrongly' },
  allowed: [...writers],
  wrongRole: ['user', 'helpline', 'moderator'],
  otherCentre: ['eoEn'],
});
runCommonRouteTests({
  method: 'POST',
  path: '/api/v1/marks/import/units',
  allowed: ['admin'],
  wrongRole: ['support', 'helpline', 'eoCy', 'moderator'],
});

describe('the iamis grant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it("opens a centre user's marks once granted, and only at their own centre", async () => {
    const path = '/api/v1/centres/68123/units/2/marksheet';
    expect((await h.call('GET', path, { token: h.tokens.user })).status).toBe(403);
    const users = await h.call('GET', '/api/v1/centres/68123/users?q=athro', { token: h.tokens.eoCy });
    const id = users.json.data[0].id;
    const granted = await h.call('PUT', `/api/v1/centres/68123/users/${id}/access`, {
      token: h.tokens.eoCy,
      body: { grants: ['iamis'] },
    });
    expect(granted.status).toBe(200);
    expect((await h.call('GET', path, { token: h.tokens.user })).status).toBe(200);
    expect((await h.call('GET', '/api/v1/centres/66410/units', { token: h.tokens.user })).status).toBe(403);
  });

  it('gives the demo moderator the demo sample', async () => {
    const units = await h.call('GET', '/api/v1/moderation/units', { token: await modToken(h) });
    expect(units.json.data).toEqual([
      expect.objectContaining({ centre: '68123', code: '3700U1', submitted: true }),
    ]);
  });
});

/** The demo seed's moderator: a fresh token for the same account. */
const modToken = (h: Harness) => h.makeToken({ role: 'moderator', email: 'cymedrolwr@cymorth.localhost' });
