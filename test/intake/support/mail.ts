import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import PDFDocument from 'pdfkit';

/** A raw message as a mail client would write it, built with nodemailer's composer. */
export async function eml(options: Mail.Options & { rawHeaders?: string[] }): Promise<Uint8Array> {
  const { rawHeaders = [], ...rest } = options;
  const built = await new MailComposer({
    from: 'Helen Davies <head@stteilos-demo.org.uk>',
    to: 'centres@cymorth.localhost',
    date: new Date('2026-11-23T08:30:00Z'),
    ...rest,
  })
    .compile()
    .build();
  const text = built.toString('latin1');
  // Trace headers such as Authentication-Results go on top, as the receiving MTA puts them.
  const withHeaders = rawHeaders.length > 0 ? `${rawHeaders.join('\r\n')}\r\n${text}` : text;
  return new Uint8Array(Buffer.from(withHeaders, 'latin1'));
}

/** A one-page PDF letterhead with the given lines, as a centre would scan or export it. */
export function letterheadPdf(lines: string[], padBytes = 0): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      compress: padBytes === 0,
      info: { CreationDate: new Date(0) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const line of lines) doc.text(line);
    if (padBytes > 0) doc.text('.'.repeat(padBytes), { width: 10 });
    doc.end();
  });
}

export const pdfAttachment = async (lines: string[], filename = 'letter.pdf') => ({
  filename,
  content: await letterheadPdf(lines),
  contentType: 'application/pdf',
});

const OUR_AUTH = 'mx.cymorth.localhost';
export const authPass = `Authentication-Results: ${OUR_AUTH}; spf=pass smtp.mailfrom=x; dkim=pass header.d=x; dmarc=pass header.from=x`;
export const authFail = `Authentication-Results: ${OUR_AUTH}; spf=fail smtp.mailfrom=x; dkim=none; dmarc=fail header.from=x`;

export const englishBody = (overrides: Partial<Record<string, string>> = {}) =>
  [
    'Dear Centre Support Team,',
    '',
    'Please change our Exams Officer.',
    '',
    `New Exams Officer name: ${overrides.name ?? 'Joanne Price'}`,
    `New Exams Officer email: ${overrides.email ?? 'joanne.price@stteilos-demo.org.uk'}`,
    `Centre name: ${overrides.centre ?? "St Teilo's High School"}`,
    `Centre number: ${overrides.number ?? '66410'}`,
    `Signed by: ${overrides.signed ?? 'Helen Davies, Headteacher'}`,
    '',
    'Kind regards,',
    'Helen Davies',
  ].join('\n');

export const welshBody = (overrides: Partial<Record<string, string>> = {}) =>
  [
    'Annwyl Dîm Cymorth y Canolfannau,',
    '',
    'Rydym yn ysgrifennu i newid ein Swyddog Arholiadau.',
    '',
    `Enw'r Swyddog Arholiadau newydd: ${overrides.name ?? 'Gwenllian Ŵyn'}`,
    `E-bost y Swyddog Arholiadau newydd: ${overrides.email ?? 'g.wyn@ysgolgwyr.cymru'}`,
    `Enw'r ganolfan: ${overrides.centre ?? 'Ysgol Gyfun Gŵyr'}`,
    `Rhif y ganolfan: ${overrides.number ?? '68123'}`,
    `Llofnodwyd gan: ${overrides.signed ?? 'Dr Eleri Morgan, Pennaeth'}`,
    '',
    'Yn gywir,',
    'Eleri Morgan',
  ].join('\n');

/** Runs a built message through intake on a harness, as the mailbox would. */
export async function ingestMail(
  h: { ctx: import('../../../src/context.js').AppContext },
  options: Parameters<typeof eml>[0],
  origin: { mailboxKey?: string } = {},
) {
  const { ingest } = await import('../../../src/intake/pipeline.js');
  return ingest(h.ctx, await eml(options), origin);
}
