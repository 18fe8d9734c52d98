import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import PDFDocument from 'pdfkit';
import type { AppContext } from '../context.js';
import { ingest } from '../intake/pipeline.js';

/**
 * Three change-of-Exams-Officer letters that the demo puts through the real intake, so a fresh start
 * shows the verification queue with work on it: a complete English request, an incomplete Welsh
 * one, and one whose sender failed authentication (two people must approve it). Loaded only when the
 * demo is seeded: nodemailer's composer and pdfkit are otherwise never needed at start-up.
 */
const LETTERS = [
  {
    what: 'complete, in English',
    from: 'Helen Davies <head@stteilos-demo.org.uk>',
    auth: 'pass',
    subject: 'Change of Exams Officer - centre 66410',
    text: [
      'Dear Centre Support Team,',
      '',
      'Please change our Exams Officer: Joanne Price leaves us at the end of term.',
      '',
      'New Exams Officer name: Rhian Powell',
      'New Exams Officer email: r.powell@stteilos-demo.org.uk',
      "Centre name: St Teilo's High School",
      'Centre number: 66410',
      'Signed by: Helen Davies, Headteacher',
      '',
      'Our signed letter on headed paper is attached.',
      '',
      'Kind regards,',
      'Helen Davies',
    ],
    letterhead: [
      "St Teilo's High School",
      'Centre 66410',
      '',
      'New Exams Officer: Rhian Powell',
      'Helen Davies, Headteacher',
    ],
  },
  {
    what: 'incomplete, in Welsh (no new address, no letterhead)',
    from: 'Dr Eleri Morgan <pennaeth@ysgolgwyr.cymru>',
    auth: 'pass',
    subject: 'Newid Swyddog Arholiadau',
    text: [
      'Annwyl Dîm Cymorth y Canolfannau,',
      '',
      'Rydym yn ysgrifennu i newid ein Swyddog Arholiadau.',
      '',
      "Enw'r Swyddog Arholiadau newydd: Llinos Ŵyn",
      "Enw'r ganolfan: Ysgol Gyfun Gŵyr",
      'Rhif y ganolfan: 68123',
      'Llofnodwyd gan: Dr Eleri Morgan, Pennaeth',
      '',
      'Yn gywir,',
      'Eleri Morgan',
    ],
    letterhead: null,
  },
  {
    what: 'sender failed authentication (needs two approvers)',
    from: 'Mark Jones <principal@colegdemo.ac.uk>',
    auth: 'fail',
    subject: 'New Exams Officer for Coleg Gŵyr Abertawe',
    text: [
      'Hello,',
      '',
      'New Exams Officer name: Tomos Lewis',
      'New Exams Officer email: t.lewis@colegdemo.ac.uk',
      'Centre name: Coleg Gŵyr Abertawe',
      'Centre number: 68201',
      'Signed by: Mark Jones, Principal',
      '',
      'Mark Jones',
    ],
    letterhead: [
      'Coleg Gŵyr Abertawe',
      'Centre 68201',
      '',
      'New Exams Officer: Tomos Lewis',
      'Mark Jones, Principal',
    ],
  },
] as const;

function letterheadPdf(lines: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

/** One letter as our border MTA hands it on: its Authentication-Results on top. */
async function rawMessage(ctx: AppContext, letter: (typeof LETTERS)[number]): Promise<Uint8Array> {
  const attachments = letter.letterhead
    ? [
        {
          filename: 'llythyr.pdf',
          content: await letterheadPdf(letter.letterhead),
          contentType: 'application/pdf',
        },
      ]
    : [];
  const built = await new MailComposer({
    from: letter.from,
    to: 'centres@cymorth.localhost',
    subject: letter.subject,
    date: ctx.clock.now(),
    text: letter.text.join('\n'),
    attachments,
  })
    .compile()
    .build();
  const verdict = letter.auth === 'pass' ? 'spf=pass dkim=pass dmarc=pass' : 'spf=fail dkim=none dmarc=fail';
  const header = `Authentication-Results: ${ctx.config.MAIL_AUTHSERV_ID}; ${verdict}\r\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(header), built]));
}

export interface DemoRequest {
  what: string;
  reference: string | null;
  status: string | null;
}

/** Puts the demo letters through intake, as if they had arrived at the centres@ mailbox. */
export async function seedDemoRequests(ctx: AppContext): Promise<DemoRequest[]> {
  const made: DemoRequest[] = [];
  for (const letter of LETTERS) {
    const result = await ingest(ctx, await rawMessage(ctx, letter));
    made.push({ what: letter.what, reference: result.reference, status: result.status });
  }
  return made;
}
