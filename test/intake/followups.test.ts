import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailMessages, outbox, requestFields, requests } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { englishBody, ingestMail, pdfAttachment } from './support/mail.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const HOUR = 60 * 60 * 1000;
const first = () =>
  ingestMail(h, {
    subject: 'Change of Exams Officer',
    text: englishBody(),
    messageId: '<first@stteilos-demo.org.uk>',
  });

describe('follow-ups', () => {
  it('joins the request named by References, merges fields and moves the status on', async () => {
    const a = await first();
    expect(a.status).toBe('incomplete');
    expect(a.missing).toEqual(['letterhead']);
    h.clock.advance(2 * HOUR);
    const b = await ingestMail(h, {
      subject: 'Re: the letter',
      text: 'Here is the signed letter.\nNew Exams Officer email: jo.price@stteilos-demo.org.uk',
      inReplyTo: '<somewhere@else>',
      references: ['<first@stteilos-demo.org.uk>'],
      attachments: [await pdfAttachment(['Letter'])],
    });
    expect(b).toMatchObject({
      outcome: 'joined',
      reference: a.reference,
      status: 'awaiting_verification',
      missing: [],
    });
    expect(b.fields.new_eo_email).toBe('jo.price@stteilos-demo.org.uk');
    expect(b.fields.new_eo_name).toBe('Joanne Price');
    const history = await h.ctx.db
      .select()
      .from(requestFields)
      .where(eq(requestFields.name, 'new_eo_email'))
      .orderBy(requestFields.id);
    expect(history.map((f) => [f.value, f.supersededAt !== null])).toEqual([
      ['joanne.price@stteilos-demo.org.uk', true],
      ['jo.price@stteilos-demo.org.uk', false],
    ]);
    expect(await h.ctx.db.select().from(requests)).toHaveLength(1);
  });

  it('joins by the reference in the subject, from another address at the centre', async () => {
    const a = await first();
    const b = await ingestMail(h, {
      from: 'office@stteilos-demo.org.uk',
      subject: `Re: ${a.reference}`,
      text: 'Attached.',
      attachments: [await pdfAttachment(['Letter'])],
    });
    expect(b.outcome).toBe('joined');
    expect(b.reference).toBe(a.reference);
  });

  it('joins a reply to our automatic answer', async () => {
    await first();
    const [reply] = await h.ctx.db.select().from(outbox);
    const b = await ingestMail(h, {
      subject: 'Re: your message',
      text: 'Attached.',
      inReplyTo: reply?.messageId,
      attachments: [await pdfAttachment(['Letter'])],
    });
    expect(b.outcome).toBe('joined');
  });

  it('gives a stranger quoting a reference a request of its own, flagged for staff', async () => {
    const a = await first();
    const b = await ingestMail(h, {
      from: 'attacker@evil.example',
      subject: `Re: ${a.reference}`,
      text: 'New Exams Officer email: attacker@evil.example',
      references: ['<first@stteilos-demo.org.uk>'],
    });
    expect(b.outcome).toBe('created');
    expect(b.reference).not.toBe(a.reference);
    const [own] = await h.ctx.db
      .select()
      .from(requests)
      .where(eq(requests.reference, b.reference ?? ''));
    expect(own?.flagged).toBe(`reference_quoted_by_stranger:${a.reference}`);
    const [original] = await h.ctx.db
      .select()
      .from(requests)
      .where(eq(requests.reference, a.reference ?? ''));
    const fields = await h.ctx.db
      .select()
      .from(requestFields)
      .where(eq(requestFields.requestId, original?.id ?? 0));
    expect(fields.map((f) => f.value)).not.toContain('attacker@evil.example');
  });

  it('answers a request at most once a day', async () => {
    await first();
    const more = (n: number) =>
      ingestMail(h, {
        subject: 'Re: change',
        text: `More ${n}`,
        references: ['<first@stteilos-demo.org.uk>'],
        messageId: `<more-${n}@stteilos-demo.org.uk>`,
      });
    h.clock.advance(HOUR);
    expect((await more(1)).reply).toBeNull();
    h.clock.advance(22 * HOUR);
    expect((await more(2)).reply).toBeNull();
    h.clock.advance(HOUR);
    expect((await more(3)).reply).not.toBeNull();
    expect(await h.ctx.db.select().from(outbox)).toHaveLength(2);
  });
});

describe('duplicates', () => {
  it('stores a message once by Message-ID and answers duplicate without a reply', async () => {
    const a = await first();
    const again = await first();
    expect(again).toMatchObject({ outcome: 'duplicate', reference: a.reference, reply: null });
    expect(await h.ctx.db.select().from(mailMessages)).toHaveLength(1);
    expect(await h.ctx.db.select().from(outbox)).toHaveLength(1);
  });

  it('stores a message once by mailbox key even when its Message-ID is missing', async () => {
    const noId = [
      'From: head@stteilos-demo.org.uk',
      'Subject: Change of Exams Officer',
      '',
      englishBody(),
    ].join('\r\n');
    const bytes = new TextEncoder().encode(noId);
    const { ingest } = await import('../../src/intake/pipeline.js');
    const a = await ingest(h.ctx, bytes, { mailboxKey: '7:42' });
    const b = await ingest(h.ctx, bytes, { mailboxKey: '7:42' });
    const c = await ingest(h.ctx, bytes, {});
    expect(a.outcome).toBe('created');
    expect(a.message_id).toMatch(/@no-message-id\.cymorth\.invalid>$/);
    expect(b.outcome).toBe('duplicate');
    expect(c).toMatchObject({ outcome: 'duplicate', message_id: a.message_id });
  });
});
