import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, outbox } from '../../src/db/schema/index.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { createHarness, type Harness } from '../support/harness.js';
import { accountByEmail, invite, linkTokenFor, USERS } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function teacher() {
  const [row] = await accountByEmail(h, 'athro@ysgolgwyr.cymru');
  return row?.id ?? 0;
}

describe('PATCH /centres/:number/users/:id', () => {
  it('lets the EO amend role, contact details, language, type and Hub role', async () => {
    const id = await teacher();
    const res = await h.call('PATCH', `${USERS}/${id}`, {
      token: h.tokens.eoCy,
      body: {
        role_in_centre: 'Cynorthwyydd Arholiadau',
        telephone: '029 2018 0199',
        language: 'en',
        hub_role: 'SLT',
        account_type: 'admin',
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      role_in_centre: 'Cynorthwyydd Arholiadau',
      telephone: '029 2018 0199',
      language: 'en',
      hub_role: 'SLT',
      account_type: 'admin',
    });
  });

  it('refuses a change to one’s own email, saying how to ask for it, even for the EO', async () => {
    const id = await teacher();
    const own = await h.call('PATCH', `${USERS}/${id}?lang=en`, {
      token: h.tokens.user,
      body: { email: 'new@ysgolgwyr.cymru' },
    });
    expect(own.status).toBe(403);
    expect(own.json.error.code).toBe('own_email_change');
    expect(own.json.error.message).toMatch(/Ask your centre's Exams Officer or an Admin/);
    const [eo] = await accountByEmail(h, 'arholiadau@ysgolgwyr.cymru');
    const eoOwn = await h.call('PATCH', `${USERS}/${eo?.id}`, {
      token: h.tokens.eoCy,
      body: { email: 'x@ysgolgwyr.cymru' },
    });
    expect(eoOwn.status).toBe(403);
    expect(eoOwn.json.error.code).toBe('own_email_change');
  });

  it('lets a user edit their own details but not their type', async () => {
    const id = await teacher();
    const ok = await h.call('PATCH', `${USERS}/${id}`, {
      token: h.tokens.user,
      body: { telephone: '029 2018 0188' },
    });
    expect(ok.status).toBe(200);
    const up = await h.call('PATCH', `${USERS}/${id}`, {
      token: h.tokens.user,
      body: { account_type: 'admin' },
    });
    expect(up.status).toBe(403);
    expect(up.json.error.code).toBe('self_grant');
  });

  it('moves the login when the EO changes someone’s email: old tokens end, a link goes to the new address, audited', async () => {
    const id = await teacher();
    const before = await h.call('GET', '/api/v1/me', { token: h.tokens.user });
    expect(before.status).toBe(200);
    const res = await h.call('PATCH', `${USERS}/${id}`, {
      token: h.tokens.eoCy,
      body: { email: 'Ifan.Jenkins@ysgolgwyr.cymru' },
    });
    expect(res.status).toBe(200);
    expect(res.json.email).toBe('Ifan.Jenkins@ysgolgwyr.cymru');
    const after = await h.call('GET', '/api/v1/me', { token: h.tokens.user });
    expect(after.status).toBe(401);
    const link = await linkTokenFor(h, 'Ifan.Jenkins@ysgolgwyr.cymru', 'login_changed');
    const accepted = await h.call('POST', `/api/v1/invites/${link}/accept`);
    expect(accepted.status).toBe(200);
    expect((await h.call('GET', '/api/v1/me', { token: accepted.json.token })).json.email).toBe(
      'Ifan.Jenkins@ysgolgwyr.cymru',
    );
    const audit = await h.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'login_moved'), eq(auditLog.entityId, String(id))));
    expect(audit[0]?.before).toEqual({ email: 'athro@ysgolgwyr.cymru' });
    expect(audit[0]?.actorLabel).toContain('arholiadau@ysgolgwyr.cymru');
    // The address the login left is told, in the account's language, what changed, when and by whom.
    const left = await h.ctx.db.select().from(outbox).where(eq(outbox.template, 'login_changed_old')).get();
    expect(left).toMatchObject({ toAddress: 'athro@ysgolgwyr.cymru', language: 'cy' });
    const text = renderMail(templateFiles(), 'login_changed_old', 'cy', left?.params ?? {}).text;
    expect(text).toContain(
      'o’r cyfeiriad hwn, athro@ysgolgwyr.cymru, i Ifan.Jenkins@ysgolgwyr.cymru'.replace('’', "'"),
    );
    expect(text).toContain(`newidiodd ${String(left?.params.changer)}`);
    expect(String(left?.params.changer)).not.toContain('<');
    const taken = await h.call('PATCH', `${USERS}/${id}`, {
      token: h.tokens.eoCy,
      body: { email: 'J.Price@stteilos-demo.org.uk' },
    });
    expect(taken.status).toBe(409);
  });

  it('keeps email changes for the Centre Admin: a user_accounts holder is refused', async () => {
    const mgrToken = await h.makeToken({ role: 'user', centre: '68123', email: 'rheolwr@ysgolgwyr.cymru' });
    const [mgr] = await accountByEmail(h, 'rheolwr@ysgolgwyr.cymru');
    await h.call('PUT', `${USERS}/${mgr?.id}/access`, {
      token: h.tokens.eoCy,
      body: { grants: ['user_accounts'] },
    });
    const res = await h.call('PATCH', `${USERS}/${await teacher()}`, {
      token: mgrToken,
      body: { email: 'z@ysgolgwyr.cymru' },
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('centre_admin_only');
  });
});

describe('DELETE /centres/:number/users/:id', () => {
  it('needs DELETE or DILEU, and says so in both languages', async () => {
    const id = await teacher();
    for (const body of [undefined, {}, { confirm: 'delete me' }]) {
      const res = await h.call('DELETE', `${USERS}/${id}?lang=en`, { token: h.tokens.eoCy, body });
      expect(res.status).toBe(422);
      expect(res.json.error.message).toBe(
        'To delete this account, send confirm with the word DELETE (or DILEU). A deleted account cannot be recovered.',
      );
    }
    // No body, as `curl -X DELETE -H 'Content-Type: application/json'` sends it.
    const bare = await h.call('DELETE', `${USERS}/${id}?lang=en`, {
      token: h.tokens.eoCy,
      headers: { 'content-type': 'application/json' },
    });
    expect(bare.status).toBe(422);
    expect(bare.json.error.code).toBe('delete_not_confirmed');
    const cy = await h.call('DELETE', `${USERS}/${id}?lang=cy`, {
      token: h.tokens.eoCy,
      body: { confirm: 'NA' },
    });
    expect(cy.json.error.message).toMatch(/gair DILEU \(neu DELETE\)/);
    expect((await accountByEmail(h, 'athro@ysgolgwyr.cymru'))[0]?.status).toBe('active');
  });

  it('deletes with DILEU: tokens end, the email is free again, the audit says who removed whom and when', async () => {
    const id = await teacher();
    const res = await h.call('DELETE', `${USERS}/${id}`, {
      token: h.tokens.eoCy,
      body: { confirm: 'DILEU' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, status: 'deleted', deleted_at: '2026-11-23T09:00:00.000Z' });
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.user })).status).toBe(401);
    const gone = await h.call('GET', `${USERS}/${id}`, { token: h.tokens.eoCy });
    expect(gone.status).toBe(404);
    const [audit] = await h.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'delete'), eq(auditLog.entityId, String(id))));
    expect(audit?.actorLabel).toContain('arholiadau@ysgolgwyr.cymru');
    expect(audit?.before).toMatchObject({ email: 'athro@ysgolgwyr.cymru' });
    expect(audit?.at.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    const again = await invite(h, { email: 'athro@ysgolgwyr.cymru' });
    expect(again.status).toBe(201);
  });

  it('deletes with DELETE for staff', async () => {
    const id = await teacher();
    const res = await h.call('DELETE', `${USERS}/${id}`, {
      token: h.tokens.support,
      body: { confirm: 'DELETE' },
    });
    expect(res.status).toBe(200);
  });

  it('never deletes the EO account: change the EO instead', async () => {
    const [eo] = await accountByEmail(h, 'arholiadau@ysgolgwyr.cymru');
    const res = await h.call('DELETE', `${USERS}/${eo?.id}?lang=en`, {
      token: h.tokens.support,
      body: { confirm: 'DELETE' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('eo_account_fixed');
    expect(res.json.error.message).toMatch(/change the Exams Officer instead/);
  });

  it('is refused to a user_accounts holder', async () => {
    const mgrToken = await h.makeToken({ role: 'user', centre: '68123', email: 'rheolwr@ysgolgwyr.cymru' });
    const [mgr] = await accountByEmail(h, 'rheolwr@ysgolgwyr.cymru');
    await h.call('PUT', `${USERS}/${mgr?.id}/access`, {
      token: h.tokens.eoCy,
      body: { grants: ['user_accounts'] },
    });
    const res = await h.call('DELETE', `${USERS}/${await teacher()}`, {
      token: mgrToken,
      body: { confirm: 'DELETE' },
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('centre_admin_only');
  });
});
