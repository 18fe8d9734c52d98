import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { startChat } from './chat/start.js';
import { ConfigError, loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { isEmpty, seedDemo, seedDemoCertificate } from './db/demo.js';
import { seedDemoLettersInChild } from './db/demo-letters-child.js';
import { demoBanner, demoRequestLines } from './demo-banner.js';
import { DOCS_ASSETS_BASE, DOCS_ASSETS_ROUTE, docsAssets } from './docs-assets.js';
import { makeDir } from './files/make-dir.js';
import { answerClientError } from './http/client-error.js';
import { requestIdServerOptions } from './http/node-response.js';
import { dropDirOf } from './intake/drop-folder.js';
import { type Intake, startIntake } from './intake/sources.js';
import { startDelivery } from './mail/delivery.js';
import { templateFiles } from './mail/template-files.js';
import { buildNodeContext } from './node-context.js';
import { startClock } from './queue/clock.js';
import { seedDemoPasswords } from './web/demo.js';

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

/** Seeds an empty database with the demo and prints its tokens; otherwise says how to make one. */
async function showDemo(ctx: AppContext, port: number) {
  const { config, logger } = ctx;
  if (!config.DEMO_SEED || !(await isEmpty(ctx))) {
    logger.info(
      'database already has data; make a token with: npx cymorth token create --role support --email you@example.org',
    );
    return;
  }
  const tokens = await seedDemo(ctx);
  await seedDemoCertificate(ctx);
  const passwords = await seedDemoPasswords(
    ctx,
    tokens.map((t) => t.email),
  );
  const requests = await seedDemoLettersInChild(process.env).catch((err) => {
    logger.warn({ err }, 'the demo letters were not read; the queue starts empty');
    return [];
  });
  const base = `http://127.0.0.1:${port}`;
  const mail = config.IMAP_URL
    ? 'Mail: reading the mailbox at IMAP_URL.'
    : `Mail: drop .eml files into ${dropDirOf(config)} to put requests on the queue; mail sent is in ${join(config.DATA_DIR, 'outbox')}.`;
  const support = tokens[0]?.token ?? '';
  process.stdout.write(
    demoBanner(
      base,
      tokens,
      [mail, ...demoRequestLines(base, support, requests), ...moreToTry(base, tokens)],
      passwords,
    ),
  );
}

/** The features a newcomer would not find from the lines above: marks, their PDF reports, chat. */
function moreToTry(base: string, tokens: { token: string }[]): string[] {
  const eoCy = tokens[3]?.token ?? '';
  return [
    '',
    "Internal assessment marks at Ysgol Gyfun Gŵyr (each unit's id opens its marksheet, sample and PDF reports, .../units/{id}/reports/candidates.pdf):",
    `  curl -s -H "Authorization: Bearer ${eoCy}" ${base}/api/v1/centres/68123/units`,
    'Chat commands from the shell, as Slack and Teams run them (README, "Chat", to connect those):',
    '  npx cymorth chat --as cefnogi@cymorth.localhost ciw',
  ];
}

async function main() {
  const config = loadConfig(process.env);
  await checkDataDir(config.DATA_DIR);
  const { ctx, close } = await buildNodeContext(config);
  const log = ctx.logger;

  const chat = await startChat(ctx);
  const app = createApp(ctx, { docsAssetsBase: DOCS_ASSETS_BASE, chat: chat.routes });
  app.get(DOCS_ASSETS_ROUTE, docsAssets());
  let intake: Intake | undefined;
  // Requests that arrive while the demo is being seeded wait for it (so /healthz means ready and
  // the tokens are printed); then the app answers directly, with no extra step per request.
  let seeded!: () => void;
  const demoReady = new Promise<void>((ok) => {
    seeded = ok;
  });
  let handle = (req: Request, env: unknown): Response | Promise<Response> =>
    demoReady.then(() => app.fetch(req, env as never));
  const server = serve(
    {
      fetch: (req, env) => handle(req, env),
      port: config.PORT,
      hostname: config.HOST,
      serverOptions: requestIdServerOptions,
    },
    (info) => {
      log.info({ port: info.port, database: config.DATABASE_PATH }, 'cymorth listening');
      // Seeded only once the port is ours: a first start that fails to listen (the port is taken)
      // leaves the database empty, so the next start seeds it and shows the demo tokens after all.
      showDemo(ctx, info.port)
        .catch((err) => log.error({ err }, 'demo seeding failed'))
        .finally(() => {
          handle = (req, env) => app.fetch(req, env as never);
          seeded();
          if (!stopping) intake = startIntake(ctx);
        });
    },
  );
  const stopDelivery = startDelivery(ctx, { pollMs: config.OUTBOX_POLL_MS, templates: templateFiles() });
  // The verification queue's 48-hour clock: due-soon and overdue events, posted to chat when it is set up.
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
    const chatStopped = chat.stop();
    server.close(async () => {
      await Promise.all([deliveryStopped, intakeStopped, clockStopped, chatStopped]);
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
  // Requests Node's parser refuses (431, malformed lines) still get the error contract.
  server.on('clientError', answerClientError);
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
