import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, outbox } from '../../src/db/schema/index.js';
import { runCommonRouteTests } from '../support/auth-cases.js';
import { createHarness, type Harness } from '../support/harness.js';
import { englishBody, ingestMail } from './support/mail.js';

runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/intake/set-aside',
  allowed: ['support', 'helpline', 'admin'],
  wrongRole: ['eoCy', 'user', 'moderator', 'centreAdmin'],
});
runCommonRouteTests({
  method: 'POST',
  path: '/api/v1/intake/set-aside/999/dismiss',
  allowed: ['support', 'admin'],
  wrongRole: ['helpline', 'eoCy', 'moderator'],
});
runCommonRouteTests({
  method: 'POST',
  path: '/api/v1/intake/set-aside/999/convert',
  allowed: ['support', 'admin'],
  wrongRole: ['helpline', 'eoEn', 'moderator'],
});

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const setAsideMail = async () => {
  await ingestMail(h, { subject: 'Museum trip', text: 'Can we visit on Friday?', messageId: '<trip@x>' });
  await ingestMail(h, {
    subject: 'Out of office',
    text: 'I am away.',
    headers: { 'Auto-Submitted': 'auto-replied' },
    messageId: '<ooo@x>',
  });
  await ingestMail(h, {
    from: 'office@stteilos-demo.org.uk',
    subject: 'New person',
    text: englishBody()
      .replace(/Exams Officer/g, 'person')
      .replace('Please change our person.', 'Hi.'),
    messageId: '<vague@x>',
  });
};

describe('set-aside messages', () => {
  it('lists every set-aside message with its reason, filtered and paginated', async () => {
    await setAsideMail();
    const all = await h.call('GET', '/api/v1/intake/set-aside?per_page=2', { token: h.tokens.support });
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(3);
    expect(all.json.data).toHaveLength(2);
    const auto = await h.call('GET', '/api/v1/intake/set-aside?reason=auto_reply&lang=cy', {
      token: h.tokens.helpline,
    });
    expect(auto.json.data).toEqual([
      expect.objectContaining({
        message_id: '<ooo@x>',
        reason: 'auto_reply',
        reason_label: 'ateb awtomatig',
      }),
    ]);
  });

  it('turns one into a request, which gets the reference and the reply', async () => {
    await setAsideMail();
    const list = await h.call('GET', '/api/v1/intake/set-aside?reason=not_eo_change', {
      token: h.tokens.support,
    });
    const vague = list.json.data.find((m: { message_id: string }) => m.message_id === '<vague@x>');
    const res = await h.call('POST', `/api/v1/intake/set-aside/${vague.id}/convert`, {
      token: h.tokens.support,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ outcome: 'created', reference: 'EO-2026-00001' });
    expect(res.json.reply?.to).toBe('office@stteilos-demo.org.uk');
    const again = await h.call('POST', `/api/v1/intake/set-aside/${vague.id}/convert`, {
      token: h.tokens.support,
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('message_not_set_aside');
    const left = await h.call('GET', '/api/v1/intake/set-aside', { token: h.tokens.support });
    expect(left.json.total).toBe(2);
  });

  it('never answers an auto-reply, even when staff convert it', async () => {
    await setAsideMail();
    const list = await h.call('GET', '/api/v1/intake/set-aside?reason=auto_reply', {
      token: h.tokens.support,
    });
    const res = await h.call('POST', `/api/v1/intake/set-aside/${list.json.data[0].id}/convert`, {
      token: h.tokens.admin,
    });
    expect(res.json.outcome).toBe('created');
    expect(res.json.reply).toBeNull();
    expect(await h.ctx.db.select().from(outbox)).toHaveLength(0);
  });

  it('dismisses one: it leaves the list but stays on record', async () => {
    await setAsideMail();
    const list = await h.call('GET', '/api/v1/intake/set-aside', { token: h.tokens.support });
    const id = list.json.data[0].id;
    const res = await h.call('POST', `/api/v1/intake/set-aside/${id}/dismiss`, { token: h.tokens.support });
    expect(res.status).toBe(200);
    expect(res.json.dismissed_at).toBe('2026-11-23T09:00:00.000Z');
    const after = await h.call('GET', '/api/v1/intake/set-aside', { token: h.tokens.support });
    expect(after.json.total).toBe(2);
    const withDismissed = await h.call('GET', '/api/v1/intake/set-aside?include_dismissed=true', {
      token: h.tokens.support,
    });
    expect(withDismissed.json.total).toBe(3);
    const missing = await h.call('POST', '/api/v1/intake/set-aside/999/dismiss', { token: h.tokens.support });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('message_not_found');
  });

  it('makes one request when two staff convert the same message at once; the other is told it has gone', async () => {
    await setAsideMail();
    const list = await h.call('GET', '/api/v1/intake/set-aside?reason=not_eo_change', {
      token: h.tokens.support,
    });
    const vague = list.json.data.find((m: { message_id: string }) => m.message_id === '<vague@x>');
    const both = await Promise.all([
      h.call('POST', `/api/v1/intake/set-aside/${vague.id}/convert`, { token: h.tokens.support }),
      h.call('POST', `/api/v1/intake/set-aside/${vague.id}/convert?lang=cy`, { token: h.tokens.admin }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = both.find((r) => r.status === 409);
    expect(refused?.json.error.code).toBe('message_not_set_aside');
    const requests = await h.call('GET', '/api/v1/requests', { token: h.tokens.support });
    expect(requests.json.total).toBe(1);
    expect(
      await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, 'office@stteilos-demo.org.uk')),
    ).toHaveLength(1);
    const audit = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'set_aside_converted'));
    expect(audit).toHaveLength(1);
  });

  it('lets only one of a conversion and a dismissal of the same message happen', async () => {
    await setAsideMail();
    const list = await h.call('GET', '/api/v1/intake/set-aside?reason=not_eo_change', {
      token: h.tokens.support,
    });
    const vague = list.json.data.find((m: { message_id: string }) => m.message_id === '<vague@x>');
    const [converted, dismissed] = await Promise.all([
      h.call('POST', `/api/v1/intake/set-aside/${vague.id}/convert`, { token: h.tokens.support }),
      h.call('POST', `/api/v1/intake/set-aside/${vague.id}/dismiss`, { token: h.tokens.admin }),
    ]);
    expect([converted.status, dismissed.status].sort()).toEqual([200, 409]);
    const requests = await h.call('GET', '/api/v1/requests', { token: h.tokens.support });
    expect(requests.json.total).toBe(converted.status === 200 ? 1 : 0);
    const decisions = await h.ctx.db.select().from(auditLog).where(eq(auditLog.entity, 'mail_message'));
    expect(decisions.map((d) => d.action)).toEqual([
      converted.status === 200 ? 'set_aside_converted' : 'set_aside_dismissed',
    ]);
  });
});
