import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types/index.js';
import { type App, createApp } from './app.js';
import type { AppContext } from './context.js';
import { type InboundEmail, receiveEmail } from './intake/email-worker.js';
import { deliverDue } from './mail/delivery.js';
import { workerTemplates } from './mail/worker-templates.js';
import { emitDueEvents, logSink } from './queue/clock.js';
import { type Env, workerContext } from './worker-context.js';

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
async function deliverQueuedMail(ctx: AppContext) {
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
  /**
   * Every minute: the 48-hour clock (the same due-soon and overdue marks as Node's poller, each once
   * per request), then the outbox. A failing clock is logged and does not hold up the mail.
   */
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    const ctx = workerContext(env);
    await emitDueEvents(ctx, logSink(ctx)).catch((err) => ctx.logger.error({ err }, 'queue clock failed'));
    await deliverQueuedMail(ctx);
  },
  /** Email Routing's delivery of a message to the centres@ address (README, "Running on Cloudflare Workers"). */
  async email(message: InboundEmail, env: Env): Promise<void> {
    const ctx = workerContext(env);
    if (!env.BLOBS) {
      // Thrown, so the sender's server keeps the message and tries again once the bucket is bound.
      ctx.logger.error(
        { envelope_from: message.from },
        'intake: no BLOBS bucket is bound; mail refused for now',
      );
      throw new Error('no BLOBS bucket is bound to store incoming mail');
    }
    await receiveEmail(ctx, message);
  },
};
