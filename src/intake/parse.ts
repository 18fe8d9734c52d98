import type { AddressObject, ParsedMail } from 'mailparser';
import { lazy } from '../lazy.js';
import { htmlToLines } from './html.js';

const loadMailparser = lazy(() => import('mailparser'));

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
  /** Inline parts (a logo in a signature) are not a letterhead. */
  inline: boolean;
}

/** What the rest of intake needs from one message, read once. */
export interface ParsedMessage {
  messageId: string;
  from: string | null;
  fromName: string | null;
  subject: string;
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  /** Header lines in the order they stand, names lower-case: the topmost comes first. */
  headers: { name: string; value: string }[];
  contentType: string;
  reportType: string | null;
  text: string;
  /** Label/value rows read from HTML tables. */
  tableRows: [string, string][];
  attachments: MailAttachment[];
}

export class UnparseableMailError extends Error {}

const firstAddress = (value: AddressObject | AddressObject[] | undefined) => {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address) return { address: entry.address.toLowerCase(), name: entry.name || null };
      for (const member of entry.group ?? []) {
        if (member.address) return { address: member.address.toLowerCase(), name: member.name || null };
      }
    }
  }
  return null;
};

const MESSAGE_ID = /<[^<>\s]+>/g;

function messageIdsIn(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return text.match(MESSAGE_ID) ?? [];
}

/** A stable Message-ID for mail that has none, so the same bytes always dedupe to the same row. */
export const synthesisedMessageId = (sha256: string) => `<${sha256}@no-message-id.cymorth.invalid>`;

/** The Message-ID read straight from the header block: for mail too large or broken to parse. */
export function rawMessageId(raw: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(raw.subarray(0, Math.min(raw.byteLength, 256 * 1024)));
  const end = head.search(/\r?\n\r?\n/);
  const block = end >= 0 ? head.slice(0, end) : head;
  const match = block.match(/^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im);
  return match ? (messageIdsIn(match[1])[0] ?? null) : null;
}

function toLines(mail: ParsedMail): { text: string; tableRows: [string, string][] } {
  const html = typeof mail.html === 'string' ? mail.html : '';
  const fromHtml = html ? htmlToLines(html) : { text: '', rows: [] };
  // A text part wins when it exists: mail clients write it for people, the HTML for layout.
  const text = mail.text?.trim() ? mail.text : fromHtml.text;
  return { text, tableRows: fromHtml.rows };
}

const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);

/** mbox files start with a `From ` line, and some tools write CR-only line ends: neither is a header. */
function tidy(raw: Uint8Array): Buffer {
  let buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buf.subarray(0, 5).toString('latin1') === 'From ') {
    const eol = buf.indexOf(0x0a);
    buf = eol >= 0 ? buf.subarray(eol + 1) : buf;
  }
  const head = buf.subarray(0, 4096);
  if (head.includes(0x0d) && !head.includes(0x0a)) {
    buf = Buffer.from(buf.toString('latin1').replace(/\r/g, '\r\n'), 'latin1');
  }
  return buf;
}

/** Mail as intake reads it; anything mailparser cannot make sense of is an UnparseableMailError. */
export async function parseMessage(raw: Uint8Array, sha256: string): Promise<ParsedMessage> {
  try {
    return await parseTidy(tidy(raw), sha256);
  } catch (err) {
    if (err instanceof UnparseableMailError) throw err;
    throw new UnparseableMailError(err instanceof Error ? err.message : String(err));
  }
}

async function parseTidy(raw: Buffer, sha256: string): Promise<ParsedMessage> {
  const { simpleParser } = await loadMailparser();
  const mail: ParsedMail = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: 2_000_000,
  });
  const headers = (mail.headerLines ?? []).map(({ key, line }) => ({
    name: key.toLowerCase(),
    value: line.slice(line.indexOf(':') + 1).trim(),
  }));
  const known = new Set(headers.map((h) => h.name));
  if (!known.has('from') && !known.has('subject') && !known.has('message-id') && !known.has('date')) {
    throw new UnparseableMailError('no message headers');
  }
  const contentTypeHeader = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  const from = firstAddress(mail.from);
  const { text, tableRows } = toLines(mail);
  const date = mail.date instanceof Date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return {
    messageId: messageIdsIn(mail.messageId)[0] ?? synthesisedMessageId(sha256),
    from: from?.address ?? null,
    fromName: from?.name ?? null,
    subject: str(mail.subject, '').replace(/\s+/g, ' ').trim(),
    date,
    inReplyTo: messageIdsIn(mail.inReplyTo)[0] ?? null,
    references: messageIdsIn(mail.references),
    headers,
    contentType: str(contentTypeHeader?.value, 'text/plain').toLowerCase(),
    reportType: str(contentTypeHeader?.params?.['report-type'], '').toLowerCase() || null,
    text: str(text, ''),
    tableRows,
    attachments: mail.attachments.map((a) => ({
      filename: str(a.filename, 'attachment'),
      contentType: str(a.contentType, 'application/octet-stream').toLowerCase(),
      content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      inline: a.related === true || (a.contentDisposition === 'inline' && Boolean(a.cid)),
    })),
  };
}

export const headerValues = (msg: ParsedMessage, name: string) =>
  msg.headers.filter((h) => h.name === name).map((h) => h.value);
