import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine(
      (v) => protocols.some((p) => v.startsWith(`${p}:`)),
      `must start with ${protocols.join(': or ')}:`,
    );

/** Every setting the service reads, with its default; the README's configuration table mirrors this. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/cymorth.sqlite'),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  PUBLIC_URL: url(['http', 'https']).optional(),
  DEMO_SEED: bool.default(true),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).default('Cymorth <centres@cymorth.localhost>'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(2000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  /** How long a token's account is remembered between writes; a revocation by another process waits this long. 0 turns it off. */
  AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** How often the verification queue's 48-hour clock looks for requests due within 24 hours or overdue. */
  QUEUE_CLOCK_POLL_MS: z.coerce.number().int().positive().default(60_000),
  /** Our border MTA's authserv-id: only its Authentication-Results header is believed (RFC 8601 §5). */
  MAIL_AUTHSERV_ID: z.string().min(1).default('mx.cymorth.localhost'),
  /** The drop folder of `.eml` files read when no IMAP mailbox is set; default `DATA_DIR/mail/inbox`. */
  MAIL_DROP_DIR: z.string().min(1).optional(),
  MAIL_DROP_POLL_MS: z.coerce.number().int().positive().default(2000),
  /** A message larger than this is set aside as `too_large` without being parsed. */
  MAIL_MAX_MESSAGE_BYTES: z.coerce.number().int().positive().default(26_214_400),
  /** An attachment larger than this is not stored (the message is still read). */
  MAIL_MAX_ATTACHMENT_BYTES: z.coerce.number().int().positive().default(15_728_640),
  /** The centres@ mailbox, e.g. `imap://user:pass@host:1143/INBOX` (or imaps:); unset = drop folder. */
  IMAP_URL: url(['imap', 'imaps']).optional(),
  /** Where each read message is moved (created when missing), so the inbox holds only unread mail. */
  IMAP_DONE_FOLDER: z.string().min(1).default('Processed'),
  /** How often the mailbox is checked when the server lacks IDLE, and the longest an IDLE lasts. */
  IMAP_POLL_MS: z.coerce.number().int().positive().default(60_000),
  /** The largest file a centre may upload as a sample candidate's evidence (IAMIS upload). */
  MARKS_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(20_971_520),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** A URL's password must not reach a log or a terminal, even when the URL is the thing that is wrong. */
function redact(value: string | undefined): string | undefined {
  return value?.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@');
}

/** Reads the environment once at start-up; a bad variable stops start-up with one line naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new ConfigError(`cymorth: invalid ${name}=${JSON.stringify(redact(env[name]))}: ${issue?.message}`);
}
