import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountGrants, hasGrant } from '../../src/access/grants.js';
import { authenticate } from '../../src/auth/authenticate.js';
import { createHarness, type Harness } from '../support/harness.js';
import { accountByEmail, USERS } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function userAt68123(email: string) {
  const token = await h.makeToken({ role: 'user', centre: '68123', email });
  const [row] = await accountByEmail(h, email);
  return { token, id: row?.id ?? 0 };
}

const put = (id: number, grants: string[], token: string) =>
  h.call('PUT', `${USERS}/${id}/access?lang=en`, { token, body: { grants } });

describe('PUT /centres/:number/users/:id/access', () => {
  it('lets the EO grant IAMIS, which hasGrant then reports', async () => {
    const teacher = await userAt68123('athro2@ysgolgwyr.cymru');
    const res = await put(teacher.id, ['iamis', 'results'], h.tokens.eoCy);
    expect(res.status).toBe(200);
    expect(res.json.grants).toEqual(['iamis', 'results']);
    expect(await accountGrants(h.ctx.db, teacher.id)).toEqual(['iamis', 'results']);
    const principal = await authenticate(h.ctx, `Bearer ${teacher.token}`);
    expect(await hasGrant(h.ctx, principal, 'iamis')).toBe(true);
    expect(await hasGrant(h.ctx, principal, 'entries')).toBe(false);
  });

  it('lets a user_accounts holder change another account only within the grants they hold', async () => {
    const manager = await userAt68123('rheolwr@ysgolgwyr.cymru');
    const teacher = await userAt68123('athro2@ysgolgwyr.cymru');
    await put(manager.id, ['user_accounts', 'iamis'], h.tokens.eoCy);
    await put(teacher.id, ['results'], h.tokens.eoCy);

    const within = await put(teacher.id, ['iamis', 'results'], manager.token);
    expect(within.status).toBe(200);
    expect(within.json.grants).toEqual(['iamis', 'results']);

    const beyond = await put(teacher.id, ['iamis', 'results', 'entries'], manager.token);
    expect(beyond.status).toBe(403);
    expect(beyond.json.error).toEqual({
      code: 'grant_not_held',
      message: 'You can only give or take away access that you hold yourself. You do not hold: entries.',
    });
    const removeUnheld = await put(teacher.id, ['iamis'], manager.token);
    expect(removeUnheld.status).toBe(403);
    expect(await accountGrants(h.ctx.db, teacher.id)).toEqual(['iamis', 'results']);
  });

  it('refuses anyone adding to their own grants, with a message saying whom to ask; removing is allowed', async () => {
    const manager = await userAt68123('rheolwr@ysgolgwyr.cymru');
    await put(manager.id, ['user_accounts', 'iamis'], h.tokens.eoCy);
    const self = await put(manager.id, ['user_accounts', 'iamis', 'entries'], manager.token);
    expect(self.status).toBe(403);
    expect(self.json.error.code).toBe('self_grant');
    expect(self.json.error.message).toMatch(/cannot give yourself.*Exams Officer or an Admin/);
    const cy = await h.call('PUT', `${USERS}/${manager.id}/access?lang=cy`, {
      token: manager.token,
      body: { grants: ['user_accounts', 'iamis', 'entries'] },
    });
    expect(cy.json.error.message).toMatch(/Ni allwch roi mynediad i chi'ch hun/);
    const drop = await put(manager.id, ['user_accounts'], manager.token);
    expect(drop.status).toBe(200);
    expect(drop.json.grants).toEqual(['user_accounts']);
  });

  it('shows eo and admin as holding every grant, and will not limit them', async () => {
    const eo = (await accountByEmail(h, 'arholiadau@ysgolgwyr.cymru'))[0];
    const res = await put(eo?.id ?? 0, ['iamis'], h.tokens.support);
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('grants_implied');
    const get = await h.call('GET', `${USERS}/${eo?.id}`, { token: h.tokens.support });
    expect(get.json.grants).toContain('user_accounts');
    expect(get.json.grants).toContain('iamis');
  });

  it('refuses a user without user_accounts, and a manager working on an admin account', async () => {
    const teacher = await userAt68123('athro2@ysgolgwyr.cymru');
    const other = await userAt68123('athro3@ysgolgwyr.cymru');
    const res = await put(other.id, [], teacher.token);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');

    const manager = await userAt68123('rheolwr@ysgolgwyr.cymru');
    await put(manager.id, ['user_accounts'], h.tokens.eoCy);
    await h.makeToken({ role: 'admin', centre: '68123', email: 'gweinyddwr2@ysgolgwyr.cymru' });
    const admin = (await accountByEmail(h, 'gweinyddwr2@ysgolgwyr.cymru'))[0];
    const onAdmin = await put(admin?.id ?? 0, [], manager.token);
    expect(onAdmin.status).toBe(403);
    expect(onAdmin.json.error.code).toBe('centre_admin_only');
  });
});
