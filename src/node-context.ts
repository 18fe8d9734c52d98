import pino, { type Logger } from 'pino';
import { createPrincipalCache } from './auth/principal-cache.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openNodeDatabase } from './db/node.js';
import { fsBlobStore } from './files/fs-blob-store.js';
import { nodeMailer } from './mail/node-mailer.js';

/** The Node entries' shared start: the SQLite file (migrated), the system clock and a JSON logger. */
export async function buildNodeContext(config: Config, logger?: Logger) {
  const log = logger ?? pino({ level: config.LOG_LEVEL, base: { service: 'cymorth' } });
  const principals = createPrincipalCache({ ttlMs: config.AUTH_CACHE_MS });
  const database = await openNodeDatabase(config.DATABASE_PATH, { onWrite: principals.clear });
  const ctx: AppContext = {
    db: database.db,
    clock: systemClock,
    config,
    logger: log,
    blobs: fsBlobStore(config.DATA_DIR),
    mailer: nodeMailer(config),
    principals,
  };
  const close = async () => {
    ctx.mailer.close();
    await database.close();
  };
  return { ctx, close };
}
