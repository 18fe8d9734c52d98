import { z } from 'zod';
import { decodeKey } from './auth/secret-box.js';

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

/** The demo's own organisation, named in mail and pages until ORG_NAME_EN and ORG_NAME_CY are set. */
export const DEMO_ORG_NAMES = { en: 'Cymorth Demo Awarding Body', cy: 'Corff Dyfarnu Demo Cymorth' } as const;

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
  /** The organisation's name in each language, as mail and pages name it; the defaults are the demo's own. */
  ORG_NAME_EN: z.string().trim().min(2).max(120).default(DEMO_ORG_NAMES.en),
  ORG_NAME_CY: z.string().trim().min(2).max(120).default(DEMO_ORG_NAMES.cy),
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
  /** Slack app's signing secret: requests to /slack/events are checked with it; unset, Slack is off. */
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  /** Bot token (xoxb-…) for the Web API: posts to the triage channel, modals, App Home, users.info. */
  SLACK_BOT_TOKEN: z.string().min(8).optional(),
  /** Channel id (C…) that each new request is posted to and kept up to date in. */
  SLACK_TRIAGE_CHANNEL: z.string().min(1).optional(),
  /** Slack's Web API; tests point it at a local server speaking the same protocol. */
  SLACK_API_URL: url(['http', 'https']).default('https://slack.com/api/'),
  /** A Teams outgoing webhook's security token (base64): requests to /teams/messages are checked with it. */
  TEAMS_WEBHOOK_SECRET: z.string().base64().min(16).optional(),
  /** A Teams Workflows webhook URL that new requests and reminders are posted to. */
  TEAMS_WORKFLOW_URL: url(['http', 'https']).optional(),
  /** The language of the shared triage posts (each person's own commands are answered in their language). */
  CHAT_LANGUAGE: z.enum(['en', 'cy']).default('en'),
  /** How often the chat worker looks for posts to deliver. */
  CHAT_POLL_MS: z.coerce.number().int().positive().default(2000),
  /**
   * 32 random bytes in base64 (`openssl rand -base64 32`) that seal the authenticator secrets the
   * database keeps. Unset on Node, one is made once in DATA_DIR/secret.key; a Worker without it
   * keeps them unsealed.
   */
  SECRET_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== undefined, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** A signed-in page session ends after this many minutes without a request. */
  WEB_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** The largest file a centre may upload as a sample candidate's evidence (IAMIS upload). */
  MARKS_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(20_971_520),
  /** How intake signs in to the mailbox: the password in IMAP_URL, or an OAuth2 token (XOAUTH2). */
  IMAP_AUTH: z.enum(['password', 'oauth2']).default('password'),
  /** How mail is sent: the password in SMTP_URL, or an OAuth2 token (XOAUTH2). */
  SMTP_AUTH: z.enum(['password', 'oauth2']).default('password'),
  /** The client-credentials token endpoint, e.g. https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token */
  OAUTH2_TOKEN_URL: url(['https', 'http']).optional(),
  OAUTH2_CLIENT_ID: z.string().min(1).optional(),
  OAUTH2_CLIENT_SECRET: z.string().min(1).optional(),
  /** `client_credentials` (Microsoft 365) or `service_account` (Google: a JWT signed with OAUTH2_PRIVATE_KEY). */
  OAUTH2_GRANT: z.enum(['client_credentials', 'service_account']).default('client_credentials'),
  /** The service account's private key (PEM; `\n` may stand for line breaks); its email is OAUTH2_CLIENT_ID. */
  OAUTH2_PRIVATE_KEY: z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n'))
    .optional(),
  /** The scope asked for; Exchange Online's IMAP and SMTP accept `https://outlook.office365.com/.default`. */
  OAUTH2_SCOPE: z.string().min(1).default('https://outlook.office365.com/.default'),
  /** Name servers for DKIM keys and DMARC records (comma-separated); unset, the system's. */
  MAIL_DNS_SERVERS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .optional(),
  /** The longest one DNS lookup may take before the signature check counts it a temporary error. */
  MAIL_DNS_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** How long DNS answers are kept. */
  MAIL_DNS_CACHE_MS: z.coerce.number().int().min(0).default(300_000),
  /** Tesseract, which reads scanned letters (Debian's tesseract-ocr with the eng and cym data). */
  OCR_TESSERACT_PATH: z.string().min(1).default('/usr/bin/tesseract'),
  /** Poppler's pdftoppm, which renders an image-only PDF's pages for tesseract. */
  OCR_PDFTOPPM_PATH: z.string().min(1).default('/usr/bin/pdftoppm'),
  /** Tesseract's languages, `+`-joined: Welsh first, as most of our letters' place names are. */
  OCR_LANGUAGES: z
    .string()
    .regex(/^[a-z_]+(?:\+[a-z_]+)*$/, 'languages such as cym+eng')
    .default('cym+eng'),
  /** The longest one scan may take to read, rendering included; past it the scan is recorded as unread. */
  OCR_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** A larger scan is not read (it still counts as an attachment). */
  OCR_MAX_BYTES: z.coerce.number().int().positive().default(10_485_760),
  /** Pages of an image-only PDF that are read: a letter is a page or two. */
  OCR_MAX_PAGES: z.coerce.number().int().min(1).max(20).default(3),
});

export type Config = z.infer<typeof configSchema>;

/** OAuth2 for either side needs the endpoint and the client: named in one line when one is missing. */
function oauth2Missing(config: Config): string | null {
  if (config.IMAP_AUTH !== 'oauth2' && config.SMTP_AUTH !== 'oauth2') return null;
  const proof = config.OAUTH2_GRANT === 'service_account' ? 'OAUTH2_PRIVATE_KEY' : 'OAUTH2_CLIENT_SECRET';
  const needed = ['OAUTH2_TOKEN_URL', 'OAUTH2_CLIENT_ID', proof] as const;
  return needed.find((name) => !config[name]) ?? null;
}

export class ConfigError extends Error {}

/**
 * A secret must not reach a log or a terminal, even when it is the thing that is wrong: a refused
 * secret setting is not printed, and a URL is printed without its password.
 */
function redact(name: string, value: string | undefined): string | undefined {
  if (/SECRET|TOKEN|PRIVATE_KEY|PASSWORD/.test(name)) return '***';
  return value?.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@');
}

/** Reads the environment once at start-up; a bad variable stops start-up with one line naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) {
    const missing = oauth2Missing(parsed.data);
    if (missing)
      throw new ConfigError(`cymorth: ${missing} is required when IMAP_AUTH or SMTP_AUTH is oauth2`);
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new ConfigError(
    `cymorth: invalid ${name}=${JSON.stringify(redact(name, env[name]))}: ${issue?.message}`,
  );
}
