import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { accountByEmail, invite, linkTokenFor, USERS } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const DAY = 24 * 60 * 60 * 1000;

describe('inviting a user', () => {
  it('creates an invited account and queues the invite in the invitee’s language, with a link that works once', async () => {
    const res = await invite(h, { email: 's.bowen@ysgolgwyr.cymru', grants: ['iamis'], hub_role: 'INV' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      email: 's.bowen@ysgolgwyr.cymru',
      status: 'invited',
      account_type: 'user',
      grants: ['iamis'],
      hub_role: 'INV',
      centre_number: '68123',
      invite_expires_at: '2026-11-30T09:00:00.000Z',
    });
    expect(res.json.id).toEqual(expect.any(Number));
    const [mail] = await h.ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, 's.bowen@ysgolgwyr.cymru'));
    expect(mail).toMatchObject({ template: 'invite', language: 'cy' });
    expect(mail?.params).toMatchObject({ centre_number: '68123', account_type: 'Defnyddiwr' });

    const token = await linkTokenFor(h, 's.bowen@ysgolgwyr.cymru');
    const accepted = await h.call('POST', `/api/v1/invites/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.json.account_id).toBe(res.json.id);
    const me = await h.call('GET', '/api/v1/me', { token: accepted.json.token });
    expect(me.status).toBe(200);
    expect(me.json.email).toBe('s.bowen@ysgolgwyr.cymru');
    const [row] = await accountByEmail(h, 's.bowen@ysgolgwyr.cymru');
    expect(row?.status).toBe('active');

    const again = await h.call('POST', `/api/v1/invites/${token}/accept`);
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('invite_used');
  });

  it('sends an English invite to an English speaker', async () => {
    await invite(h, { email: 'tom@ysgolgwyr.cymru', language: 'en', account_type: 'admin' });
    const [mail] = await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, 'tom@ysgolgwyr.cymru'));
    expect(mail).toMatchObject({ template: 'invite', language: 'en' });
    expect(mail?.params).toMatchObject({ account_type: 'Admin' });
  });

  it('refuses an address used anywhere in the service, whatever its case, with a 409', async () => {
    for (const email of [
      'J.PRICE@stteilos-demo.org.uk',
      'Cefnogi@Cymorth.localhost',
      'athro@YSGOLGWYR.cymru',
    ]) {
      const res = await invite(h, { email });
      expect(res.status, email).toBe(409);
      expect(res.json.error).toEqual({
        code: 'email_in_use',
        message: `Mae cyfrif arall yn defnyddio'r cyfeiriad e-bost ${email} eisoes.`,
      });
    }
    const rows = await accountByEmail(h, 'J.PRICE@stteilos-demo.org.uk');
    expect(rows).toHaveLength(0);
  });

  it('expires the link after 7 days, and a re-sent invite kills the old link', async () => {
    const made = await invite(h, { email: 'hwyr@ysgolgwyr.cymru' });
    const first = await linkTokenFor(h, 'hwyr@ysgolgwyr.cymru');
    h.clock.advance(7 * DAY + 1);
    const expired = await h.call('POST', `/api/v1/invites/${first}/accept?lang=en`);
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe('invite_expired');
    expect(expired.json.error.message).toMatch(/expired.*send a new invite/);

    const resent = await h.call('POST', `${USERS}/${made.json.id}/invite`, { token: h.tokens.eoCy });
    expect(resent.status).toBe(200);
    const second = await linkTokenFor(h, 'hwyr@ysgolgwyr.cymru');
    expect(second).not.toBe(first);

    const resentAgain = await h.call('POST', `${USERS}/${made.json.id}/invite`, { token: h.tokens.eoCy });
    expect(resentAgain.status).toBe(200);
    const third = await linkTokenFor(h, 'hwyr@ysgolgwyr.cymru');
    const dead = await h.call('POST', `/api/v1/invites/${second}/accept`);
    expect(dead.status).toBe(410);
    const ok = await h.call('POST', `/api/v1/invites/${third}/accept`);
    expect(ok.status).toBe(200);

    const done = await h.call('POST', `${USERS}/${made.json.id}/invite`, { token: h.tokens.eoCy });
    expect(done.status).toBe(409);
    expect(done.json.error.code).toBe('invite_not_pending');
  });

  it('lets a user_accounts holder invite users only with grants they hold, and never an admin', async () => {
    const managerToken = await h.makeToken({
      role: 'user',
      centre: '68123',
      email: 'rheolwr@ysgolgwyr.cymru',
    });
    const manager = (await accountByEmail(h, 'rheolwr@ysgolgwyr.cymru'))[0];
    await h.call('PUT', `${USERS}/${manager?.id}/access`, {
      token: h.tokens.eoCy,
      body: { grants: ['user_accounts', 'iamis'] },
    });
    const ok = await invite(h, { email: 'a@ysgolgwyr.cymru', grants: ['iamis'] }, managerToken);
    expect(ok.status).toBe(201);
    const tooMuch = await invite(
      h,
      { email: 'b@ysgolgwyr.cymru', grants: ['iamis', 'results'] },
      managerToken,
    );
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.json.error.code).toBe('grant_not_held');
    expect(tooMuch.json.error.message).toContain('results');
    const admin = await invite(h, { email: 'c@ysgolgwyr.cymru', account_type: 'admin' }, managerToken);
    expect(admin.status).toBe(403);
    expect(admin.json.error.code).toBe('centre_admin_only');
  });
});
