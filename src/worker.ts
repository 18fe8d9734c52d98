import type { D1Database, ExecutionContext, ScheduledController } from '@cloudflare/workers-types/index.js';
import pino, { type Logger } from 'pino';
import { type App, createApp } from './app.js';
import { systemClock } from './clock.js';
import { type Config, loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { d1Database } from './db/d1.js';
import { refusingBlobStore } from './files/blob-store.js';
import { deliverDue } from './mail/delivery.js';
import { queueOnlyMailer } from './mail/mailer.js';
import { createWorkerSmtpMailer } from './mail/worker-smtp-mailer.js';
import { workerTemplates } from './mail/worker-templates.js';

/** The bindings `wrangler.toml` declares; every other string binding is a configuration variable. */
export interface Env {
  DB: D1Database;
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
    blobs: refusingBlobStore(),
    // Sent by the Cron Trigger below; without SMTP_URL mail stays queued in D1.
    mailer: config.SMTP_URL ? createWorkerSmtpMailer(config.SMTP_URL) : queueOnlyMailer,
  };
}

/**
 * One app per `env` object: workerd hands the same `env` to every request of an isolate, so the app
 * (routes, OpenAPI document) is built once, yet a request with other bindings gets its own.
 */
const apps = new WeakMap<Env, App>();

function appFor(env: Env): App {
  let app = apps.get(env);
  if (!app) {
    app = createApp(workerContext(env));
    apps.set(env, app);
  }
  return app;
}

/** Messages one Cron Trigger sends at most; the rest wait a minute for the next. */
const DELIVERY_BATCH = 50;

/**
 * The outbox's deliverer on Workers, run by the Cron Trigger in `wrangler.toml`: the same pass as
 * Node's (mail/delivery.ts), with the same leases, so overlapping runs never send a row twice.
 */
export async function deliverQueuedMail(env: Env) {
  const ctx = workerContext(env);
  if (ctx.mailer.kind === 'none') {
    ctx.logger.warn('SMTP_URL is not set: queued mail waits in D1 until it is');
    return [];
  }
  const outcomes = await deliverDue(ctx, { templates: workerTemplates, limit: DELIVERY_BATCH });
  if (outcomes.length) {
    const count = (result: string) => outcomes.filter((o) => o.result === result).length;
    ctx.logger.info({ sent: count('sent'), retry: count('retry'), failed: count('failed') }, 'outbox pass');
  }
  return outcomes;
}

export default {
  fetch(request: Request, env: Env, executionCtx: ExecutionContext): Response | Promise<Response> {
    return appFor(env).fetch(request, env, executionCtx);
  },
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    await deliverQueuedMail(env);
  },
};
