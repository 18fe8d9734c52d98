import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, outbox } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let teacherId: number;
beforeAll(async () => {
  h = await createHarness();
  const teacher = await h.ctx.db
    .select()
    .from(accounts)
    .where(eq(accounts.email, 'athro@ysgolgwyr.cymru'))
    .get();
  teacherId = teacher?.id ?? 0;
});
afterAll(() => h?.close());

const resetMail = (to: string) =>
  h.ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.template, 'password_reset'), eq(outbox.toAddress, to)));

describe('POST /centres/{number}/users/{id}/reset', () => {
  it('lets the Centre Admin send an active account a reset link in its language, which opens the set-password page', async () => {
    const res = await h.call('POST', `/api/v1/centres/68123/users/${teacherId}/reset`, {
      token: h.tokens.eoCy,
    });
    expect(res.status).toBe(200);
    expect(res.json.email).toBe('athro@ysgolgwyr.cymru');
    const [mail] = await resetMail('athro@ysgolgwyr.cymru');
    expect(mail?.language).toBe('cy');
    const link = new URL(String((mail?.params as { link?: string } | undefined)?.link));
    const page = await h.app.request(`${link.pathname}?lang=cy`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Dewis cyfrinair newydd');
  });

  it('refuses the account itself, helpline staff and another centre, and mails nothing', async () => {
    const before = (await resetMail('athro@ysgolgwyr.cymru')).length;
    for (const token of [h.tokens.user, h.tokens.helpline, h.tokens.eoEn]) {
      const res = await h.call('POST', `/api/v1/centres/68123/users/${teacherId}/reset`, { token });
      expect(res.status).toBe(403);
    }
    expect((await resetMail('athro@ysgolgwyr.cymru')).length).toBe(before);
  });

  it('lets staff support send one too', async () => {
    const res = await h.call('POST', `/api/v1/centres/68123/users/${teacherId}/reset`, {
      token: h.tokens.support,
    });
    expect(res.status).toBe(200);
  });
});
