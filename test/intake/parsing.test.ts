import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachments } from '../../src/db/schema/index.js';
import { ingest } from '../../src/intake/pipeline.js';
import { createHarness, type Harness } from '../support/harness.js';
import { eml, englishBody, ingestMail, letterheadPdf, welshBody } from './support/mail.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** A single-part message in a legacy charset, bytes as an old mail client writes them. */
function legacy(charset: string, body: Buffer, subject = 'Newid Swyddog Arholiadau') {
  const head = [
    'From: pennaeth@ysgolgwyr.cymru',
    'To: centres@cymorth.localhost',
    `Subject: ${subject}`,
    `Message-ID: <${charset}@ysgolgwyr.cymru>`,
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${charset}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n');
  return new Uint8Array(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}

/**
 * An attachment's MAPI properties as Outlook writes them in attAttachment: its method (PT_LONG), a
 * named property (GUID and id), and the long file name (PT_UNICODE, NUL-terminated, padded to 4).
 */
function attachmentProps(longName: string): Buffer {
  const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n, 0);
    return b;
  };
  const name = Buffer.from(`${longName}\0`, 'utf16le');
  const padded = Buffer.concat([name, Buffer.alloc((4 - (name.length % 4)) % 4)]);
  return Buffer.concat([
    u32(3),
    u16(0x0003),
    u16(0x3705),
    u32(1),
    u16(0x0003),
    u16(0x8005),
    Buffer.alloc(16, 7),
    u32(0),
    u32(0x8514),
    u32(42),
    u16(0x001f),
    u16(0x3707),
    u32(1),
    u32(name.length),
    padded,
  ]);
}

/** A TNEF stream with one attached file, as Outlook writes winmail.dat. */
function tnef(filename: string, content: Buffer, props?: Buffer): Buffer {
  const attr = (level: number, id: number, data: Buffer) => {
    const head = Buffer.alloc(9);
    head.writeUInt8(level, 0);
    head.writeUInt32LE(id, 1);
    head.writeUInt32LE(data.length, 5);
    const sum = Buffer.alloc(2);
    sum.writeUInt16LE(
      data.reduce((a, b) => (a + b) & 0xffff, 0),
      0,
    );
    return Buffer.concat([head, data, sum]);
  };
  const sig = Buffer.alloc(6);
  sig.writeUInt32LE(0x223e9f78, 0);
  sig.writeUInt16LE(1, 4);
  return Buffer.concat([
    sig,
    attr(1, 0x00089006, Buffer.from([0, 0, 0, 0])),
    attr(2, 0x00069002, Buffer.alloc(14)),
    attr(2, 0x00018010, Buffer.from(`${filename}\0`, 'latin1')),
    attr(2, 0x0006800f, content),
    ...(props ? [attr(2, 0x00069005, props)] : []),
  ]);
}

describe('charsets', () => {
  it('reads ISO-8859-14 Welsh letters ŵ and ŷ', async () => {
    const text = welshBody({
      name: 'Gwenllian Ŵyn',
      centre: 'Ysgol Gyfun Gŵyr',
      signed: 'Dafydd ap Gruffydd, Pennaeth (Tŷ Ddewi)',
    });
    const bytes = Buffer.from(
      [...text].map((ch) => ({ ŵ: 0xf0, Ŵ: 0xd0, ŷ: 0xfe, Ŷ: 0xde, î: 0xee })[ch] ?? ch.charCodeAt(0)),
    );
    const r = await ingest(h.ctx, legacy('ISO-8859-14', bytes), {});
    expect(r.fields.new_eo_name).toBe('Gwenllian Ŵyn');
    expect(r.fields.centre_name).toBe('Ysgol Gyfun Gŵyr');
    expect(r.fields.signatory).toBe('Dafydd ap Gruffydd, Pennaeth (Tŷ Ddewi)');
    expect(r.checks.centre_name_matches).toBe(true);
  });

  it('reads Windows-1252 curly apostrophes and ISO-8859-1 accents', async () => {
    const cp1252 = Buffer.from(englishBody({ centre: 'St Teilo\x92s High School' }), 'latin1');
    const a = await ingest(h.ctx, legacy('windows-1252', cp1252, 'Change of Exams Officer'), {});
    expect(a.fields.centre_name).toBe('St Teilo’s High School');
    expect(a.checks.centre_name_matches).toBe(true);
    const latin1 = Buffer.from(englishBody({ name: 'Zoë Brontë' }), 'latin1');
    const b = await ingest(h.ctx, legacy('iso-8859-1', latin1, 'Change of Exams Officer'), {});
    expect(b.fields.new_eo_name).toBe('Zoë Brontë');
  });
});

describe('structure', () => {
  it('reads a request forwarded as an attached message (message/rfc822)', async () => {
    const inner = await eml({ subject: 'Change of Exams Officer', text: englishBody() });
    const r = await ingestMail(h, {
      from: 'office@stteilos-demo.org.uk',
      subject: 'Fwd: Change of Exams Officer',
      text: 'Forwarding the Head’s request below.',
      attachments: [{ filename: 'request.eml', content: Buffer.from(inner), contentType: 'message/rfc822' }],
    });
    expect(r.outcome).toBe('created');
    expect(r.fields.new_eo_name).toBe('Joanne Price');
    expect(r.fields.centre_number).toBe('66410');
  });

  it('unpacks a PDF letterhead from a TNEF winmail.dat', async () => {
    const pdf = await letterheadPdf(["St Teilo's High School", 'Signed: Helen Davies, Headteacher']);
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      attachments: [
        { filename: 'winmail.dat', content: tnef('LETTER.PDF', pdf), contentType: 'application/ms-tnef' },
      ],
    });
    expect(r.letterhead).toBe(true);
    const stored = await h.ctx.db.select().from(attachments);
    expect(stored.map((a) => [a.filename, a.contentType])).toEqual([['LETTER.PDF', 'application/pdf']]);
    expect(await h.ctx.blobs.get(stored[0]?.sha256 ?? '')).toEqual(new Uint8Array(pdf));
  });

  it("stores a winmail.dat file under its long name, not Outlook's 8.3 title", async () => {
    const pdf = await letterheadPdf(['Ysgol Gyfun Gŵyr', 'Llofnodwyd: Dr Eleri Morgan, Pennaeth']);
    const longName = 'Llythyr pennawd – Ysgol Gŵyr.pdf';
    await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      attachments: [
        {
          filename: 'winmail.dat',
          content: tnef('LLYTHY~1.PDF', pdf, attachmentProps(longName)),
          contentType: 'application/ms-tnef',
        },
      ],
    });
    const stored = await h.ctx.db.select().from(attachments);
    expect(stored.map((a) => [a.filename, a.contentType])).toEqual([[longName, 'application/pdf']]);
  });

  it('falls back to the 8.3 title when the MAPI properties are cut short', async () => {
    const pdf = await letterheadPdf(["St Teilo's High School", 'Signed: Helen Davies, Headteacher']);
    const cut = attachmentProps('A very long letterhead name.pdf').subarray(0, 40);
    await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      attachments: [
        {
          filename: 'winmail.dat',
          content: tnef('LETTER.PDF', pdf, cut),
          contentType: 'application/ms-tnef',
        },
      ],
    });
    const stored = await h.ctx.db.select().from(attachments);
    expect(stored.map((a) => a.filename)).toEqual(['LETTER.PDF']);
  });

  it('keeps a winmail.dat it cannot unpack, and does not count it as a letterhead', async () => {
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      attachments: [
        {
          filename: 'winmail.dat',
          content: Buffer.from('not tnef at all'),
          contentType: 'application/ms-tnef',
        },
      ],
    });
    expect(r.letterhead).toBe(false);
    expect(r.missing).toEqual(['letterhead']);
    expect(await h.ctx.db.select().from(attachments)).toHaveLength(1);
  });

  it('stores attachments content-addressed: the same file twice is one blob', async () => {
    const pdf = await letterheadPdf(['Letter']);
    await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      attachments: [
        { filename: 'a.pdf', content: pdf },
        { filename: 'b.pdf', content: pdf },
      ],
    });
    const rows = await h.ctx.db.select().from(attachments);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.sha256).toBe(rows[1]?.sha256);
  });
});

describe('mail that cannot be read', () => {
  it('sets aside a message over the size limit without parsing it', async () => {
    const small = await createHarness({ MAIL_MAX_MESSAGE_BYTES: '2000' });
    try {
      const r = await ingest(
        small.ctx,
        await eml({ subject: 'Change', text: 'x'.repeat(5000), messageId: '<big@x>' }),
        {},
      );
      expect(r).toMatchObject({
        outcome: 'set_aside',
        reason: 'too_large',
        message_id: '<big@x>',
        reply: null,
      });
    } finally {
      small.close();
    }
  });

  it('sets aside bytes that are not a message at all, and never throws', async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    const r = await ingest(h.ctx, junk, {});
    expect(r).toMatchObject({ outcome: 'set_aside', reason: 'unparseable', reply: null });
    expect((await ingest(h.ctx, junk, {})).outcome).toBe('duplicate');
    expect((await ingest(h.ctx, new Uint8Array(0), {})).outcome).toBe('set_aside');
  });
});
