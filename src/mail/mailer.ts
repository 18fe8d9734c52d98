/** One fully rendered message, ready for the wire; `headers` are the row's extra headers, passed through. */
export interface OutgoingMail {
  messageId: string;
  /** The Date header: when the message was queued, so a retry is byte-for-byte the same message. */
  date: Date;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

interface SentMail {
  /** What the far end said, e.g. `250 OK: queued as 1234` or the file written. */
  response: string;
}

/** Sends one message. It throws `MailSendError` when it could not; anything else counts as transient. */
export interface Mailer {
  readonly kind: 'smtp' | 'file' | 'none';
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

/** `permanent`: the receiving side refused this message for good (RFC 5321 5yz), so retrying is pointless. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** A Worker without `SMTP_URL`: mail is queued and kept; its Cron Trigger sends nothing (src/worker.ts). */
export const queueOnlyMailer: Mailer = {
  kind: 'none',
  async send() {
    throw new MailSendError('SMTP_URL is not set, so mail stays queued', false);
  },
  close() {},
};
