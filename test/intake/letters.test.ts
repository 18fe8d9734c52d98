import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fold } from '../../src/centres/fold.js';
import { attachments, requestFields } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { imageOnlyPdf, MIME, scannedPage, wordLetter } from './support/letters.js';
import { ingestMail } from './support/mail.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const ENGLISH_LETTER = [
  "St Teilo's High School",
  'Centre number: 66410',
  'Dear Centre Support Team,',
  'Our Exams Officer is leaving at Christmas. Our new Exams Officer will be Mrs Joanne Price.',
  'New Exams Officer email: joanne.price@stteilos-demo.org.uk',
  'Yours sincerely,',
  'Helen Davies',
  'Headteacher',
];
const WELSH_LETTER = [
  'Ysgol Gyfun Gŵyr',
  'Rhif y ganolfan: 68123',
  'Annwyl Dîm Cymorth y Canolfannau,',
  'Mae ein Swyddog Arholiadau yn gadael. Y Swyddog Arholiadau newydd fydd Gwenllian Ŵyn.',
  'E-bost y Swyddog Arholiadau newydd: g.wyn@ysgolgwyr.cymru',
  'Yn gywir,',
  'Dr Eleri Morgan',
  'Pennaeth',
];
const ENGLISH_FIELDS = {
  new_eo_title: 'Mrs',
  new_eo_name: 'Joanne Price',
  new_eo_email: 'joanne.price@stteilos-demo.org.uk',
  centre_name: "St Teilo's High School",
  centre_number: '66410',
  signatory: 'Helen Davies, Headteacher',
};
const WELSH_FIELDS = {
  new_eo_name: 'Gwenllian Ŵyn',
  new_eo_email: 'g.wyn@ysgolgwyr.cymru',
  centre_name: 'Ysgol Gyfun Gŵyr',
  centre_number: '68123',
  signatory: 'Dr Eleri Morgan, Pennaeth',
};

const FORMATS = {
  docx: { make: wordLetter, source: 'docx', file: 'letter.docx' },
  jpeg: { make: (l: string[]) => scannedPage(l, 'jpeg'), source: 'ocr', file: 'IMG_2041.jpg' },
  png: { make: (l: string[]) => scannedPage(l, 'png'), source: 'ocr', file: 'scan.png' },
  tiff: { make: (l: string[]) => scannedPage(l, 'tiff'), source: 'ocr', file: 'scan0001.tif' },
  pdf: { make: imageOnlyPdf, source: 'ocr', file: 'Scan_20261123.pdf' },
} as const;

async function sendLetter(format: keyof typeof FORMATS, welsh: boolean) {
  const f = FORMATS[format];
  return ingestMail(h, {
    from: welsh ? 'pennaeth@ysgolgwyr.cymru' : 'head@stteilos-demo.org.uk',
    subject: welsh ? 'Llythyr' : 'Letter',
    text: welsh ? 'Gweler y llythyr wedi’i sganio sydd ynghlwm.' : 'Please see the attached scanned letter.',
    attachments: [
      {
        filename: f.file,
        content: await f.make(welsh ? WELSH_LETTER : ENGLISH_LETTER),
        contentType: MIME[format],
      },
    ],
  });
}

describe('letters in every format a school sends', () => {
  it.each(Object.keys(FORMATS) as (keyof typeof FORMATS)[])(
    'reads every field of an English %s letter under a one-line covering note',
    async (format) => {
      const r = await sendLetter(format, false);
      expect(r.outcome).toBe('created');
      expect(r.fields).toEqual(ENGLISH_FIELDS);
      expect(r.letterhead).toBe(true);
      expect(r.missing).toEqual([]);
      expect(r.checks.signatory_matches).toBe(true);
      const rows = await h.ctx.db.select().from(requestFields);
      expect(new Set(rows.map((f) => f.source))).toEqual(new Set([FORMATS[format].source]));
      const [stored] = await h.ctx.db.select().from(attachments);
      expect(stored).toMatchObject({ readAs: FORMATS[format].source, readFailure: null });
    },
    30_000,
  );

  it.each(['docx', 'jpeg', 'pdf'] as const)(
    'reads a Welsh %s letter, Welsh letters intact, and answers in Welsh',
    async (format) => {
      const r = await sendLetter(format, true);
      const { new_eo_name, ...rest } = WELSH_FIELDS;
      expect(r.fields).toMatchObject(rest);
      // OCR reads a capital Ŵ starting a word as W (its training text has few such words): the
      // field's source `ocr` tells the checker to compare it with the scan. Word keeps every letter.
      if (format === 'docx') expect(r.fields.new_eo_name).toBe(new_eo_name);
      else expect(fold(r.fields.new_eo_name ?? '')).toBe(fold(new_eo_name));
      expect(r.language).toBe('cy');
      expect(r.reply?.language).toBe('cy');
    },
    30_000,
  );
});

describe('what is not a letter, and scans that cannot be read', () => {
  const logo = () => scannedPage(['St Teilo’s'], 'png');

  it('does not count a logo as the letterhead, attached or shown in the signature', async () => {
    const html =
      '<p>New Exams Officer name: Joanne Price</p><p>Helen Davies<br><img src="cid:logo@school"></p>';
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      html,
      attachments: [
        { filename: 'image001.png', content: await logo(), contentType: 'image/png', cid: 'logo@school' },
        { filename: 'crest.png', content: await logo(), contentType: 'image/png' },
      ],
    });
    expect(r.letterhead).toBe(false);
    expect(r.missing).toContain('letterhead');
  }, 30_000);

  it.each([
    ['a tesseract that is not there', { OCR_TESSERACT_PATH: '/nonexistent/tesseract' }, 'ocr_failed'],
    ['a scan that takes too long', { OCR_TIMEOUT_MS: '1' }, 'ocr_timeout'],
    ['a scan over the size limit', { OCR_MAX_BYTES: '1000' }, 'ocr_too_large'],
  ])(
    'records %s beside the attachment, keeps the scan as the letterhead and the note as a request',
    async (_what, env, failure) => {
      h.close();
      h = await createHarness(env);
      const r = await ingestMail(h, {
        subject: 'Letter',
        text: 'Please see the attached scanned letter.',
        attachments: [
          {
            filename: 'IMG_2041.jpg',
            content: await scannedPage(ENGLISH_LETTER, 'jpeg'),
            contentType: MIME.jpeg,
          },
        ],
      });
      expect(r.outcome).toBe('created');
      expect(r.letterhead).toBe(true);
      const [stored] = await h.ctx.db.select().from(attachments);
      expect(stored).toMatchObject({ readAs: null, readFailure: failure });
    },
    30_000,
  );
});
