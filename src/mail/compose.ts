import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMail } from './mailer.js';

/**
 * Headers the message itself defines; a row's extra headers may not replace them, or a queued
 * header could re-address the mail or break its MIME structure.
 */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

/**
 * A row's extra headers, sorted: the threading headers, which mail libraries set through their own
 * options, and the rest, with any header the message itself defines dropped.
 */
export function splitHeaders(headers: Record<string, string>) {
  const extra: Record<string, string> = {};
  let inReplyTo: string | undefined;
  let references: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'in-reply-to') inReplyTo = value;
    else if (key === 'references') references = value;
    else if (!RESERVED.has(key)) extra[name] = value;
  }
  return { inReplyTo, references, extra };
}

/** The nodemailer message for an outgoing mail; both Node mailers build it the same way, so both write the same bytes. */
export function composeOptions(mail: OutgoingMail): SendMailOptions {
  const { inReplyTo, references, extra } = splitHeaders(mail.headers);
  return {
    messageId: mail.messageId,
    date: mail.date,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    inReplyTo,
    references,
    headers: extra,
    // Our messages carry no files or remote content; refusing them keeps a template from reading either.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
