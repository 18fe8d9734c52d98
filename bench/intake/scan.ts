import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import PDFDocument from 'pdfkit';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const LETTER = [
  "St Teilo's High School",
  'Centre number: 66410',
  'Dear Centre Support Team,',
  'Our Exams Officer is leaving at Christmas. Our new Exams Officer will be Mrs Joanne Price.',
  'New Exams Officer email: joanne.price@stteilos-demo.org.uk',
  'Please update your records and send her the login details for the secure site.',
  'Yours sincerely,',
  'Helen Davies',
  'Headteacher',
];

function typed(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT).fontSize(14);
    for (const line of LETTER) doc.text(line).moveDown(0.5);
    doc.end();
  });
}

/** A one-page letter as a phone scan gives it (a 200 dpi greyscale JPEG), and a short note carrying it. */
export async function scanMessage(): Promise<{ raw: Buffer; jpeg: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'cymorth-bench-scan-'));
  let jpeg: Buffer;
  try {
    execFileSync(
      '/usr/bin/pdftoppm',
      ['-r', '200', '-gray', '-jpeg', '-singlefile', '-', join(dir, 'page')],
      {
        input: await typed(),
      },
    );
    jpeg = readFileSync(join(dir, 'page.jpg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const raw = await new MailComposer({
    from: 'Helen Davies <head@stteilos-demo.org.uk>',
    to: 'centres@cymorth.localhost',
    subject: 'Letter',
    messageId: '<bench-00000000@stteilos-demo.org.uk>',
    date: new Date('2026-11-23T08:30:00Z'),
    text: 'Please see the attached scanned letter.\n\nHelen',
    attachments: [{ filename: 'IMG_2041.jpg', content: jpeg, contentType: 'image/jpeg' }],
  })
    .compile()
    .build();
  return { raw, jpeg };
}
