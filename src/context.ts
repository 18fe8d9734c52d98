import type { Logger } from 'pino';
import type { PrincipalCache } from './auth/principal-cache.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { BlobStore } from './files/blob-store.js';
import type { Mailer } from './mail/mailer.js';
import type { FontSource } from './reports/fonts.js';

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
  /** Token-to-principal lookups remembered between writes (Node); absent where writes cannot be seen (Workers). */
  principals?: PrincipalCache;
  /** The TrueType fonts PDF reports are set in; absent where reports are not served. */
  fonts?: FontSource;
}
