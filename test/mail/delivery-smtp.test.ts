import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/mail/delivery.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { createHarness, type Harness } from '../support/harness.js';
import { CY_SUBJECT, EN_SUBJECT, queue, rowOf } from './helpers.js';
import { type SmtpFixture, startSmtp } from './smtp-fixture.js';

const templates = templateFiles();
let smtp: SmtpFixture;
let h: Harness;

beforeEach(async () => {
  smtp = await startSmtp();
  h = await createHarness(
    { MAIL_FROM: 'Cymorth <centres@cymorth.test>' },
    { mailer: createSmtpMailer(smtp.url) },
  );
});
afterEach(async () => {
  await h.close();
  await smtp.close();
});

describe('delivery over SMTP', () => {
  it('sends an English message once, with its subject, both bodies and our Message-ID', async () => {
    const row = await queue(h.ctx, { language: 'en' });
    const outcomes = await deliverDue(h.ctx, { templates });
    expect(outcomes.map((o) => o.result)).toEqual(['sent']);

    expect(smtp.received).toHaveLength(1);
    const [got] = smtp.received;
    expect(got?.mailFrom).toBe('centres@cymorth.test');
    expect(got?.rcptTo).toEqual(['sian.prydderch@stteilos.example']);
    expect(got?.mail.subject).toBe(EN_SUBJECT);
    expect(got?.mail.messageId).toBe(row.messageId);
    expect(got?.mail.text).toContain('Dear Siân Prydderch,');
    expect(got?.mail.text).not.toContain('Annwyl');
    expect(got?.mail.html).toContain('<strong>St Teilo&#39;s High School</strong>');
    expect(got?.mail.headers.has('auto-submitted')).toBe(false);

    const after = await rowOf(h.ctx, row.id);
    expect(after).toMatchObject({ status: 'sent', attempts: 1, leaseUntil: null, lastError: null });
    expect(after.sentAt).toEqual(h.clock.now());
    expect(await deliverDue(h.ctx, { templates })).toEqual([]);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends a Welsh message in Welsh only', async () => {
    await queue(h.ctx, { language: 'cy' });
    await deliverDue(h.ctx, { templates });
    const mail = smtp.received[0]?.mail;
    expect(mail?.subject).toBe(CY_SUBJECT);
    expect(mail?.text).toContain('Annwyl Siân Prydderch,');
    expect(mail?.text).not.toContain('Dear');
    expect(mail?.html).toContain('Tîm Cymorth y Canolfannau');
  });

  it('sends a bilingual message Welsh first, in subject, text and HTML', async () => {
    await queue(h.ctx, { language: 'bilingual' });
    await deliverDue(h.ctx, { templates });
    const mail = smtp.received[0]?.mail;
    expect(mail?.subject).toBe(`${CY_SUBJECT} / ${EN_SUBJECT}`);
    const text = mail?.text ?? '';
    expect(text.indexOf('Annwyl')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Annwyl')).toBeLessThan(text.indexOf('Dear'));
    const html = mail?.html || '';
    expect(html.indexOf('lang="cy"')).toBeLessThan(html.indexOf('lang="en"'));
  });

  it('passes the queued Auto-Submitted, In-Reply-To and References headers through', async () => {
    await queue(h.ctx, {
      headers: {
        'Auto-Submitted': 'auto-replied',
        'In-Reply-To': '<cais-1@ysgolgwyr.cymru>',
        References: '<cais-0@ysgolgwyr.cymru> <cais-1@ysgolgwyr.cymru>',
        // A queued header may not re-address the message.
        To: 'someone.else@example.org',
      },
    });
    await deliverDue(h.ctx, { templates });
    const got = smtp.received[0];
    expect(got?.mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(got?.mail.inReplyTo).toBe('<cais-1@ysgolgwyr.cymru>');
    expect(got?.mail.references).toEqual(['<cais-0@ysgolgwyr.cymru>', '<cais-1@ysgolgwyr.cymru>']);
    expect(got?.rcptTo).toEqual(['sian.prydderch@stteilos.example']);
    expect(got?.mail.to).toMatchObject({ text: 'sian.prydderch@stteilos.example' });
  });

  it('marks a message with no template failed at once, and sends the others', async () => {
    const broken = await queue(h.ctx, { template: 'no_such_template' });
    const fine = await queue(h.ctx);
    const outcomes = await deliverDue(h.ctx, { templates });
    expect(outcomes.map((o) => [o.id, o.result])).toEqual([
      [broken.id, 'failed'],
      [fine.id, 'sent'],
    ]);
    expect(await rowOf(h.ctx, broken.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await rowOf(h.ctx, broken.id)).lastError).toContain('no_such_template');
    expect(smtp.received).toHaveLength(1);
  });
});
