import { join } from 'node:path';
import type { Config } from '../config.js';
import { createFileMailer } from './file-mailer.js';
import type { Mailer } from './mailer.js';
import { oauth2Tokens } from './oauth2.js';
import { createSmtpMailer } from './smtp-mailer.js';

/** SMTP when `SMTP_URL` is set; otherwise `.eml` files in `DATA_DIR/outbox/`, so nothing is lost in development. */
export function nodeMailer(config: Config): Mailer {
  return config.SMTP_URL
    ? createSmtpMailer(
        config.SMTP_URL,
        config.SMTP_AUTH === 'oauth2' ? oauth2Tokens(config, mailboxOf(config.SMTP_URL)) : undefined,
      )
    : createFileMailer(join(config.DATA_DIR, 'outbox'));
}

const mailboxOf = (url: string) => decodeURIComponent(new URL(url).username);
