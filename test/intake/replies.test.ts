import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { createHarness, type Harness } from '../support/harness.js';
import { englishBody, ingestMail, pdfAttachment, welshBody } from './support/mail.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const outboxRows = () => h.ctx.db.select().from(outbox);

describe('automatic replies', () => {
  it('answers Welsh mail in Welsh only, with the reference and what is missing', async () => {
    const r = await ingestMail(h, {
      from: 'pennaeth@ysgolgwyr.cymru',
      subject: 'Newid Swyddog Arholiadau',
      text: welshBody(),
      messageId: '<cais@ysgolgwyr.cymru>',
    });
    expect(r.reference).toBe('EO-2026-00001');
    expect(r.reply).toEqual({
      to: 'pennaeth@ysgolgwyr.cymru',
      language: 'cy',
      subject: 'Newid y Swyddog Arholiadau: cyfeirnod EO-2026-00001',
    });
    const [row] = await outboxRows();
    expect(row?.language).toBe('cy');
    expect(row?.headers).toMatchObject({
      'Auto-Submitted': 'auto-replied',
      'In-Reply-To': '<cais@ysgolgwyr.cymru>',
      References: '<cais@ysgolgwyr.cymru>',
    });
    const mail = renderMail(templateFiles(), row?.template ?? '', 'cy', row?.params ?? {});
    expect(mail.subject).toBe(r.reply?.subject);
    expect(mail.text).toContain('EO-2026-00001');
    expect(mail.text).toContain('bapur â phennyn y ganolfan');
    expect(mail.text).not.toMatch(/Thank you|letterhead/);
  });

  it('answers English mail bilingually, Welsh first, with the expected time when nothing is missing', async () => {
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      attachments: [await pdfAttachment(['Letter'])],
    });
    expect(r.reply?.language).toBe('bilingual');
    expect(r.reply?.subject).toBe(
      'Newid y Swyddog Arholiadau: cyfeirnod EO-2026-00001 / Change of Exams Officer: reference EO-2026-00001',
    );
    const [row] = await outboxRows();
    expect(row?.template).toBe('eo_change_received');
    const mail = renderMail(templateFiles(), row?.template ?? '', 'bilingual', row?.params ?? {});
    expect(mail.subject).toBe(r.reply?.subject);
    expect(mail.text.indexOf('48 awr')).toBeGreaterThan(-1);
    expect(mail.text.indexOf('48 awr')).toBeLessThan(mail.text.indexOf('48 hours'));
    expect(mail.text).toContain('Wednesday, 25 November 2026 at 09:00');
  });

  it('numbers references by year in sequence', async () => {
    const a = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      messageId: '<a@x>',
    });
    const b = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      messageId: '<b@x>',
    });
    expect([a.reference, b.reference]).toEqual(['EO-2026-00001', 'EO-2026-00002']);
  });
});

describe('mail that gets no reply', () => {
  const cases: [string, Parameters<typeof ingestMail>[1], string][] = [
    ['Auto-Submitted', { headers: { 'Auto-Submitted': 'auto-replied' } }, 'auto_reply'],
    ['X-Autoreply', { headers: { 'X-Autoreply': 'yes' } }, 'auto_reply'],
    ['an out-of-office subject', { subject: 'Automatic reply: Change of Exams Officer' }, 'auto_reply'],
    ['a no-reply sender', { from: 'no-reply@stteilos-demo.org.uk' }, 'auto_reply'],
    ['Precedence: bulk', { headers: { Precedence: 'bulk' } }, 'bulk'],
    ['a List-Id', { headers: { 'List-Id': '<heads.lists.example>' } }, 'bulk'],
    ['List-Unsubscribe', { headers: { 'List-Unsubscribe': '<mailto:u@lists.example>' } }, 'bulk'],
    ['a mailer-daemon sender', { from: 'MAILER-DAEMON@mx.example' }, 'bounce'],
    ['X-Spam-Flag', { headers: { 'X-Spam-Flag': 'YES' } }, 'spam'],
  ];
  it.each(cases)(
    '%s is set aside without a reply, even with every field present',
    async (_, extra, reason) => {
      const r = await ingestMail(h, { subject: 'Change of Exams Officer', text: englishBody(), ...extra });
      expect(r.outcome).toBe('set_aside');
      expect(r.reason).toBe(reason);
      expect(r.reply).toBeNull();
      expect(await outboxRows()).toHaveLength(0);
    },
  );

  it('sets a delivery report aside as a bounce', async () => {
    const raw = [
      'From: Mail Delivery System <mailer@mx.example>',
      'To: centres@cymorth.localhost',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'New Exams Officer name: Joanne Price. Could not deliver.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example',
      '',
      'Final-Recipient: rfc822; nobody@example.org',
      'Action: failed',
      'Status: 5.1.1',
      '--b--',
      '',
    ].join('\r\n');
    const { ingest } = await import('../../src/intake/pipeline.js');
    const r = await ingest(h.ctx, new TextEncoder().encode(raw), {});
    expect(r).toMatchObject({ outcome: 'set_aside', reason: 'bounce', reply: null });
  });

  it('sets aside mail from a person that is not about an Exams Officer', async () => {
    const r = await ingestMail(h, {
      subject: 'Trip to the museum',
      text: 'Can we bring 30 pupils on Friday?',
    });
    expect(r).toMatchObject({ outcome: 'set_aside', reason: 'not_eo_change', reply: null, reference: null });
    expect(await outboxRows()).toHaveLength(0);
  });
});
