import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { accountByEmail, invite, USERS } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await invite(h, {
    email: 'sian.bowen@ysgolgwyr.cymru',
    first_name: 'Siân',
    hub_role: 'INV',
    grants: ['iamis'],
  });
  await invite(h, {
    email: 'gethin@ysgolgwyr.cymru',
    first_name: 'Gethin',
    last_name: 'Ŵyn',
    account_type: 'admin',
  });
});
afterEach(() => h.close());

const list = async (query: string) =>
  (await h.call('GET', `${USERS}?${query}`, { token: h.tokens.eoCy })).json;

describe('GET /centres/:number/users', () => {
  it('lists the centre’s accounts only, paginated', async () => {
    const all = await list('per_page=2');
    expect(all.total).toBe(4);
    expect(all.data).toHaveLength(2);
    expect(all.page).toBe(1);
    const emails = (await list('per_page=100')).data.map((u: { email: string }) => u.email);
    expect(emails).not.toContain('j.price@stteilos-demo.org.uk');
  });

  it('filters by type, status, Hub role and grant, and searches names ignoring accents', async () => {
    expect((await list('account_type=admin')).data.map((u: { email: string }) => u.email)).toEqual([
      'gethin@ysgolgwyr.cymru',
    ]);
    expect((await list('status=invited')).total).toBe(2);
    expect((await list('hub_role=INV')).data[0].email).toBe('sian.bowen@ysgolgwyr.cymru');
    const iamis = (await list('grant=iamis')).data.map((u: { email: string }) => u.email).sort();
    expect(iamis).toEqual([
      'arholiadau@ysgolgwyr.cymru',
      'gethin@ysgolgwyr.cymru',
      'sian.bowen@ysgolgwyr.cymru',
    ]);
    expect((await list('q=sian')).data.map((u: { email: string }) => u.email)).toEqual([
      'sian.bowen@ysgolgwyr.cymru',
    ]);
    expect((await list('q=WYN')).data.map((u: { email: string }) => u.email)).toEqual([
      'gethin@ysgolgwyr.cymru',
    ]);
    expect((await list('q=ysgolgwyr&per_page=1&page=2')).total).toBe(4);
  });

  it('lets a user read their own account and no one else’s', async () => {
    const [me] = await accountByEmail(h, 'athro@ysgolgwyr.cymru');
    const [other] = await accountByEmail(h, 'gethin@ysgolgwyr.cymru');
    expect((await h.call('GET', `${USERS}/${me?.id}`, { token: h.tokens.user })).status).toBe(200);
    expect((await h.call('GET', `${USERS}/${other?.id}`, { token: h.tokens.user })).status).toBe(403);
    expect((await h.call('GET', USERS, { token: h.tokens.user })).status).toBe(403);
  });

  it('answers 404 for an account of another centre', async () => {
    const [eoEn] = await accountByEmail(h, 'j.price@stteilos-demo.org.uk');
    const res = await h.call('GET', `${USERS}/${eoEn?.id}`, { token: h.tokens.support });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('account_not_found');
  });
});
