import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport/index.js';
import { composeOptions } from './compose.js';
import type { Mailer } from './mailer.js';
import { loadNodemailer } from './nodemailer.js';

/** A Message-ID such as `<uuid@host>` as a file name: the same message always lands in the same file. */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_')}.eml`;
}

/**
 * Writes each message as an RFC 5322 `.eml` file into `dir` instead of sending it (no SMTP_URL).
 * The file appears whole or not at all (temp file, fsync, rename), and a retry of the same message
 * replaces its file rather than adding a second one.
 */
export function createFileMailer(dir: string): Mailer {
  let builder: Transporter<StreamTransport.SentMessageInfo> | undefined;
  return {
    kind: 'file',
    async send(mail) {
      builder ??= (await loadNodemailer()).createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'windows',
      });
      const info = await builder.sendMail(composeOptions(mail));
      await mkdir(dir, { recursive: true });
      const target = join(dir, emlFileName(mail.messageId));
      const temp = join(dir, `.${randomUUID()}.tmp`);
      try {
        const file = await open(temp, 'wx');
        try {
          await file.writeFile(info.message as Buffer);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temp, target);
      } catch (e) {
        await rm(temp, { force: true });
        throw e;
      }
      return { response: `written ${target}` };
    },
    close: () => builder?.close(),
  };
}
