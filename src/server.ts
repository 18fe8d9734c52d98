import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { isEmpty, seedDemo, seedDemoCertificate } from './db/demo.js';
import { demoBanner } from './demo-banner.js';
import { DOCS_ASSETS_BASE, DOCS_ASSETS_ROUTE, docsAssets } from './docs-assets.js';
import { makeDir } from './files/make-dir.js';
import { requestIdServerOptions } from './http/node-response.js';
import { dropDirOf } from './intake/drop-folder.js';
import { type Intake, startIntake } from './intake/sources.js';
import { startDelivery } from './mail/delivery.js';
import { templateFiles } from './mail/template-files.js';
import { buildNodeContext } from './node-context.js';
import { startClock } from './queue/clock.js';

/**
 * Mail out (without SMTP_URL), the drop folder and stored attachments all live under DATA_DIR: a
 * folder the server cannot write stops start-up with one line, rather than failing at every poll.
 */
async function checkDataDir(dir: string) {
  try {
    makeDir(dir);
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new ConfigError(
      `cymorth: cannot write to DATA_DIR=${dir}: ${err instanceof Error ? err.message : err}`,
    );
  }
}

async function main() {
  const config = loadConfig(process.env);
  await checkDataDir(config.DATA_DIR);
  const { ctx, close } = await buildNodeContext(config);
  const log = ctx.logger;
  const demoTokens = config.DEMO_SEED && (await isEmpty(ctx)) ? await seedDemo(ctx) : undefined;
  if (demoTokens) await seedDemoCertificate(ctx);

  const app = createApp(ctx, { docsAssetsBase: DOCS_ASSETS_BASE });
  app.get(DOCS_ASSETS_ROUTE, docsAssets());
  let intake: Intake | undefined;
  const server = serve(
    {
      fetch: app.fetch,
      port: config.PORT,
      hostname: config.HOST,
      serverOptions: requestIdServerOptions,
    },
    (info) => {
      log.info({ port: info.port, database: config.DATABASE_PATH }, 'cymorth listening');
      intake = startIntake(ctx);
      if (demoTokens) {
        const mail = config.IMAP_URL
          ? 'Mail: reading the mailbox at IMAP_URL.'
          : `Mail: drop .eml files into ${dropDirOf(config)} to put requests on the queue; mail sent is in ${join(config.DATA_DIR, 'outbox')}.`;
        process.stdout.write(demoBanner(`http://127.0.0.1:${info.port}`, demoTokens, [mail]));
      } else
        log.info(
          'database already has data; make a token with: npx cymorth token create --role support --email you@example.org',
        );
    },
  );
  const stopDelivery = startDelivery(ctx, { pollMs: config.OUTBOX_POLL_MS, templates: templateFiles() });
  // The verification queue's 48-hour clock: due-soon and overdue events (logged until chat posts them).
  const queueClock = startClock(ctx);

  let stopping = false;
  const stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    // Delivery stops now (the message in flight is finished and recorded); the database closes after it.
    const deliveryStopped = stopDelivery();
    // Intake likewise finishes the message it is reading, then lets go of the mailbox.
    const intakeStopped = intake?.stop();
    const clockStopped = queueClock.stop();
    server.close(async () => {
      await Promise.all([deliveryStopped, intakeStopped, clockStopped]);
      await close();
      log.info('stopped');
      process.exit(exitCode);
    });
  };
  // Taken or privileged ports are a setting to change, so one line says which, not a stack.
  server.once('error', (err: NodeJS.ErrnoException) => {
    process.stderr.write(
      err.code === 'EADDRINUSE'
        ? `cymorth: port ${config.PORT} on ${config.HOST} is already in use; set PORT to a free port (PORT=${config.PORT + 1} npm start)\n`
        : `cymorth: cannot listen on ${config.HOST}:${config.PORT} (PORT, HOST): ${err.message}\n`,
    );
    stop('listen failed', 1);
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `cymorth: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
