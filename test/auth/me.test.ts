import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditLog } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('GET /api/v1/me', () => {
  it("shows the caller's own profile", async () => {
    const res = await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: expect.any(Number),
      email: 'arholiadau@ysgolgwyr.cymru',
      kind: 'centre',
      account_type: 'eo',
      staff_role: null,
      centre_number: '68123',
      title: null,
      first_name: 'Gwenllian',
      last_name: 'Rhys',
      role_in_centre: null,
      language: 'cy',
      telephone: '029 2018 0102',
    });
    const staff = await h.call('GET', '/api/v1/me', { token: h.tokens.support });
    expect(staff.json).toMatchObject({
      kind: 'staff',
      staff_role: 'support',
      account_type: null,
      centre_number: null,
    });
  });
});

describe('PATCH /api/v1/me', () => {
  it('changes title, names, role in the centre, language and telephone, with an audit record', async () => {
    const res = await h.call('PATCH', '/api/v1/me', {
      token: h.tokens.user,
      body: {
        title: 'Mr',
        first_name: 'Ifan',
        last_name: 'Jenkins-Hughes',
        role_in_centre: 'Pennaeth Cymraeg',
        language: 'cy',
        telephone: '01792 123456',
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      title: 'Mr',
      last_name: 'Jenkins-Hughes',
      role_in_centre: 'Pennaeth Cymraeg',
      language: 'cy',
      telephone: '01792 123456',
    });
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.user })).json).toEqual(res.json);
    const [audit] = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'profile_update'));
    expect(audit).toMatchObject({
      entityId: String(res.json.id),
      before: { title: null },
      after: { title: 'Mr' },
    });
  });

  it('answers in the language the caller just chose', async () => {
    await h.call('PATCH', '/api/v1/me', { token: h.tokens.support, body: { language: 'cy' } });
    const res = await h.call('GET', '/api/v1/centres/99999', { token: h.tokens.support });
    expect(res.json.error.message).toBe("Nid oes canolfan â'r rhif 99999.");
  });

  it('refuses an email change with a 403 that says how to ask for one, in both languages', async () => {
    const en = await h.call('PATCH', '/api/v1/me?lang=en', {
      token: h.tokens.user,
      body: { email: 'newydd@ysgolgwyr.cymru', title: 'Dr' },
    });
    expect(en.status).toBe(403);
    expect(en.json.error).toEqual({
      code: 'own_email_change',
      message:
        "You cannot change your own email address here. Ask your centre's Exams Officer or an Admin to change it, or email the Centre Support Team.",
    });
    const cy = await h.call('PATCH', '/api/v1/me?lang=cy', {
      token: h.tokens.user,
      body: { email: 'x@y.cymru' },
    });
    expect(cy.status).toBe(403);
    expect(cy.json.error.message).toMatch(/^Ni allwch newid eich cyfeiriad e-bost eich hun yma\./);
    const account = await h.ctx.db.select().from(accounts).where(eq(accounts.email, 'athro@ysgolgwyr.cymru'));
    expect(account).toHaveLength(1);
    expect(account[0]?.title).toBeNull();
  });

  it('refuses unknown and bad fields, naming each', async () => {
    const res = await h.call('PATCH', '/api/v1/me', {
      token: h.tokens.user,
      body: { staff_role: 'admin', telephone: '555-0100', language: 'de' },
    });
    expect(res.status).toBe(400);
    expect(
      res.json.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`).sort(),
    ).toEqual(['language:one_of', 'staff_role:unrecognized_key', 'telephone:telephone']);
  });
});
