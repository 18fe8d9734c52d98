import pino, { type Logger } from 'pino';
import { nodeSecretKey } from './auth/node-secret-key.js';
import { createPrincipalCache } from './auth/principal-cache.js';
import { secretBox } from './auth/secret-box.js';
import { systemClock } from './clock.js';
import { type Config, ConfigError } from './config.js';
import type { AppContext } from './context.js';
import { openNodeDatabase } from './db/node.js';
import { fsBlobStore } from './files/fs-blob-store.js';
import { nodeMailer } from './mail/node-mailer.js';
import { cachedResolver, systemLookup } from './mail-auth/resolver.js';
import { createMailVerifier } from './mail-auth/verifier.js';
import { tesseractFromConfig } from './ocr/tesseract.js';
import { nodeFontSource } from './reports/node-fonts.js';
import { nativeHasher } from './web/auth/node-passwords.js';

/**
 * A file or a path that cannot hold the database (no such directory, no permission, not a database)
 * is the operator's setting, so it gets one line naming it, like a bad variable; anything else, a
 * failing migration say, keeps its stack.
 */
const FILE_FAULTS = /^(E[A-Z]+|SQLITE_(CANTOPEN|NOTADB|READONLY|PERM|IOERR\w*))$/;

function cannotOpen(err: unknown, path: string): unknown {
  if (!(err instanceof Error)) return err;
  const code = String((err as { code?: unknown }).code ?? '');
  // libSQL reports a file it cannot open as ConnectionFailed, with no code.
  if (!FILE_FAULTS.test(code) && !err.message.includes('ConnectionFailed')) return err;
  return new ConfigError(`cymorth: cannot open the database at DATABASE_PATH=${path}: ${err.message}`);
}

/** The Node entries' shared start: the SQLite file (migrated), the system clock and a JSON logger. */
export async function buildNodeContext(config: Config, logger?: Logger) {
  const log = logger ?? pino({ level: config.LOG_LEVEL, base: { service: 'cymorth' } });
  const principals = createPrincipalCache({ ttlMs: config.AUTH_CACHE_MS });
  const database = await openNodeDatabase(config.DATABASE_PATH, { onWrite: principals.clear }).catch(
    (err: unknown) => {
      throw cannotOpen(err, config.DATABASE_PATH);
    },
  );
  const ctx: AppContext = {
    db: database.db,
    clock: systemClock,
    config,
    logger: log,
    blobs: fsBlobStore(config.DATA_DIR),
    mailer: nodeMailer(config),
    principals,
    dataVersion: database.version,
    ocr: tesseractFromConfig(config),
    mailVerifier: createMailVerifier({
      resolver: cachedResolver(systemLookup(config.MAIL_DNS_SERVERS, config.MAIL_DNS_TIMEOUT_MS), {
        timeoutMs: config.MAIL_DNS_TIMEOUT_MS,
        cacheMs: config.MAIL_DNS_CACHE_MS,
      }),
      authservId: config.MAIL_AUTHSERV_ID,
    }),
    passwords: nativeHasher,
    secrets: secretBox(() => nodeSecretKey(config)),
    fonts: nodeFontSource,
  };
  const close = async () => {
    ctx.mailer.close();
    await database.close();
  };
  return { ctx, close };
}
