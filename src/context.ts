import type { Logger } from 'pino';
import type { PrincipalCache } from './auth/principal-cache.js';
import type { SecretBox } from './auth/secret-box.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { BlobStore } from './files/blob-store.js';
import type { Mailer } from './mail/mailer.js';
import type { MailVerifier } from './mail-auth/verifier.js';
import type { OcrEngine } from './ocr/engine.js';
import type { FontSource } from './reports/fonts.js';
import type { PasswordHasher } from './web/auth/passwords.js';

/** Everything the core needs, built once by an entry point (Node, Workers, tests) and passed in. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** Raw messages and attachments, content-addressed. */
  blobs: BlobStore;
  /** Sends outbox rows; only the delivery worker calls it (features queue mail with queueMail). */
  mailer: Mailer;
  /** Moves whenever the data may have changed, whoever wrote (Node); absent where that cannot be seen (Workers). */
  dataVersion?: () => number;
  /** Token-to-principal lookups remembered between writes (Node); absent where writes cannot be seen (Workers). */
  principals?: PrincipalCache;
  /** Reads scanned letters (Node: tesseract); absent where no OCR runs (Workers), and scans go unread. */
  ocr?: OcrEngine;
  /** Verifies DKIM, DMARC and ARC on stored mail (Node: mailauth over a cached resolver); absent on Workers. */
  mailVerifier?: MailVerifier;
  /** argon2id for page passwords: native on Node; absent, the pure-JS one that also runs on Workers. */
  passwords?: PasswordHasher;
  /** Seals the authenticator secrets the database keeps (SECRET_KEY); absent, a Worker without it keeps them as given. */
  secrets?: SecretBox;
  /** The TrueType fonts PDF reports are set in; absent where reports are not served. */
  fonts?: FontSource;
}
