import MailComposer from 'nodemailer/lib/mail-composer';
import PDFDocument from 'pdfkit';

/** A signed letterhead of about `bytes` bytes: the letter's text, then filler to reach the size. */
function letterhead(bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', compress: false, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text("St Teilo's High School, Cardiff");
    doc.text('Centre number: 66410');
    doc.text('Signed: Helen Davies, Headteacher');
    doc.fontSize(6).text('Lorem ipsum dolor sit amet. '.repeat(Math.max(0, Math.floor((bytes - 4000) / 72))));
    doc.end();
  });
}

/** The bench's message: a complete English request of about 60 KB with a 40 KB PDF letterhead. */
export async function benchMessage(): Promise<{ raw: Buffer; pdf: Buffer }> {
  const pdf = await letterhead(40_000);
  const body = [
    'Dear Centre Support Team,',
    '',
    'New Exams Officer name: Joanne Price',
    'New Exams Officer email: joanne.price@stteilos-demo.org.uk',
    "Centre name: St Teilo's High School",
    'Centre number: 66410',
    'Signed by: Helen Davies, Headteacher',
    '',
    'Kind regards,',
    'Helen Davies',
    '',
  ].join('\n');
  const build = async (padding: number) =>
    new MailComposer({
      from: 'Helen Davies <head@stteilos-demo.org.uk>',
      to: 'centres@cymorth.localhost',
      subject: 'Change of Exams Officer',
      messageId: '<bench-00000000@stteilos-demo.org.uk>',
      date: new Date('2026-11-23T08:30:00Z'),
      text: body + 'We look forward to hearing from you. '.repeat(padding),
      attachments: [{ filename: 'letterhead.pdf', content: pdf, contentType: 'application/pdf' }],
    })
      .compile()
      .build();
  const base = await build(0);
  const raw = await build(Math.max(0, Math.floor((60_000 - base.length) / 37)));
  return { raw, pdf };
}

/** The same message under the n-th Message-ID, so every run stores a new message. */
export function withMessageId(raw: Buffer, n: number): Buffer {
  const id = Buffer.from(String(n).padStart(8, '0'));
  const copy = Buffer.from(raw);
  const at = copy.indexOf('<bench-00000000@');
  id.copy(copy, at + 7);
  return copy;
}
