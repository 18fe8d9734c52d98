import type { D1Database, R2Bucket } from '@cloudflare/workers-types/index.js';
import pino, { type Logger } from 'pino';
import { decodeKey, secretBox } from './auth/secret-box.js';
import { systemClock } from './clock.js';
import { type Config, loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { d1Database } from './db/d1.js';
import { refusingBlobStore } from './files/blob-store.js';
import { r2BlobStore } from './files/r2-blob-store.js';
import { queueOnlyMailer } from './mail/mailer.js';
import { createWorkerSmtpMailer } from './mail/worker-smtp-mailer.js';
import { workerFontSource } from './reports/worker-fonts.js';

/** The bindings `wrangler.toml` declares; every other string binding is a configuration variable. */
export interface Env {
  DB: D1Database;
  /** Raw mail and attachments; without it the Worker takes no mail and the routes that need them answer 501. */
  BLOBS?: R2Bucket;
  [name: string]: unknown;
}

function configOf(env: Env): Config {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = value;
  return loadConfig(vars);
}

/**
 * pino's browser build is the one that bundles for workerd; `write` makes it print one JSON line per
 * entry, like Node. That build ignores `base`, so the service name is a child binding instead.
 */
function workerLogger(config: Config): Logger {
  return pino({
    level: config.LOG_LEVEL,
    serializers: { err: pino.stdSerializers.err },
    browser: {
      serialize: true,
      write: (entry) => console.log(JSON.stringify(entry)),
    },
  }).child({ service: 'cymorth' });
}

export function workerContext(env: Env): AppContext {
  const config = configOf(env);
  return {
    // D1's drizzle database has the same async builders and `batch` as Node's (see db/client.ts).
    db: d1Database(env.DB),
    clock: systemClock,
    config,
    logger: workerLogger(config),
    blobs: env.BLOBS ? r2BlobStore(env.BLOBS) : refusingBlobStore(),
    // Sent by the Cron Trigger below; without SMTP_URL mail stays queued in D1.
    mailer: config.SMTP_URL ? createWorkerSmtpMailer(config.SMTP_URL) : queueOnlyMailer,
    // A secret of the Worker's (`wrangler secret put SECRET_KEY`); config has checked it decodes.
    secrets: config.SECRET_KEY ? secretBox(decodeKey(config.SECRET_KEY) as Uint8Array) : undefined,
    fonts: workerFontSource,
  };
}
