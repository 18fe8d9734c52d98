import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { composeOptions } from './compose.js';
import { type Mailer, MailSendError } from './mailer.js';
import { loadNodemailer } from './nodemailer.js';
import type { TokenSource } from './oauth2.js';

/**
 * Timeouts well inside the delivery lease (delivery.ts), so a send that hangs gives up before
 * another worker may take the row over and send it a second time.
 */
const TIMEOUTS = {
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
  dnsTimeout: 30_000,
};

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * A refusal of this message (envelope or content) with a 5yz reply is final (RFC 5321 4.2.1).
 * Connection, TLS and authentication failures are not: they are ours or the relay's to fix, and
 * the message goes out once they are. 503 is a session-state error, not a verdict on the message.
 */
function isPermanent(err: SmtpError): boolean {
  const code = err.responseCode ?? 0;
  return (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') && code >= 500 && code < 600 && code !== 503;
}

/**
 * With OAuth2 the URL gives the server and the mailbox (`smtp://centres%40school.org@host:587`) and
 * the token source the password's place: nodemailer asks it for a token, and for a new one when the
 * server refuses the last (then retries the login once itself).
 */
function oauth2Options(url: string, tokens: TokenSource): SMTPTransport.Options {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
    secure: u.protocol === 'smtps:',
    auth: {
      type: 'OAuth2',
      user: decodeURIComponent(u.username),
      provisionCallback: (_user, renew, done) => {
        (renew ? tokens.renew() : tokens.token()).then(
          (token) => done(null, token),
          (err: Error) => done(err),
        );
      },
    },
  };
}

/** Sends over SMTP to `SMTP_URL` (smtp:// with STARTTLS when offered, smtps:// for implicit TLS). */
export function createSmtpMailer(url: string, tokens?: TokenSource): Mailer {
  let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;
  const options = tokens ? oauth2Options(url, tokens) : { url };
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        transport ??= (await loadNodemailer()).createTransport({ ...options, ...TIMEOUTS });
        const info = await transport.sendMail(composeOptions(mail));
        return { response: info.response };
      } catch (e) {
        const err = e as SmtpError;
        throw new MailSendError(err.response ?? err.message ?? String(e), isPermanent(err));
      }
    },
    close: () => transport?.close(),
  };
}
