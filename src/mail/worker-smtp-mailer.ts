import type { WorkerMailerOptions } from 'worker-mailer';
import { lazy } from '../lazy.js';
import { splitHeaders } from './compose.js';
import { type Mailer, MailSendError } from './mailer.js';

/** Loaded on the first send: it imports `cloudflare:sockets`, which only workerd has (tests build the context on Node). */
const loadWorkerMailer = lazy(() => import('worker-mailer'));

/** `Name <address>` or a bare address, as MAIL_FROM may be written, split for the envelope. */
export function parseMailbox(value: string): { name?: string; email: string } {
  const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (!named) return { email: value.trim() };
  const [, name = '', email = ''] = named;
  return name ? { name, email } : { email };
}

/** worker-mailer's `LogLevel.NONE`: we log each outcome ourselves (delivery.ts). */
const LOG_NONE = 4;

/** The connection `SMTP_URL` describes: smtps:// is TLS from the start, smtp:// upgrades with STARTTLS when offered. */
export function connectionOf(url: string): WorkerMailerOptions {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    startTls: !secure,
    ...(u.username
      ? {
          credentials: {
            username: decodeURIComponent(u.username),
            password: decodeURIComponent(u.password),
          },
          authType: ['plain', 'login'],
        }
      : {}),
    logLevel: LOG_NONE,
    // Well inside the delivery lease (delivery.ts), as on Node.
    socketTimeoutMs: 30_000,
    responseTimeoutMs: 60_000,
  };
}

/**
 * worker-mailer reports a refusal as text: the step, then the server's reply. Only a 5yz reply to
 * the envelope or the content is final (RFC 5321 4.2.1), as on Node; 503 is a session-state error.
 */
export function isPermanentRefusal(message: string): boolean {
  const step = /^(?:Invalid (?:MAIL FROM|RCPT TO)|Failed send email body)\b/.exec(message);
  if (!step) return false;
  const code = /\b([2-5]\d\d)\b/.exec(message.slice(step[0].length))?.[1];
  return code?.startsWith('5') === true && code !== '503';
}

/**
 * Sends over SMTP from a Worker, through Cloudflare's TCP sockets (`cloudflare:sockets`), since
 * nodemailer needs Node's `net` and `tls`. One connection per message: a delivery pass sends few,
 * and a connection held between them would outlive the scheduled invocation.
 */
export function createWorkerSmtpMailer(url: string): Mailer {
  const connection = connectionOf(url);
  return {
    kind: 'smtp',
    async send(mail) {
      const { inReplyTo, references, extra } = splitHeaders(mail.headers);
      try {
        const { WorkerMailer } = await loadWorkerMailer();
        const mailer = await WorkerMailer.connect(connection);
        try {
          await mailer.send({
            from: parseMailbox(mail.from),
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            headers: {
              ...extra,
              'Message-ID': mail.messageId,
              Date: mail.date.toUTCString(),
              ...(inReplyTo ? { 'In-Reply-To': inReplyTo } : {}),
              ...(references ? { References: references } : {}),
            },
          });
        } finally {
          await mailer.close();
        }
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw new MailSendError(message, isPermanentRefusal(message));
      }
      return { response: `accepted by ${connection.host}:${connection.port}` };
    },
    close() {},
  };
}
