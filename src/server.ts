import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { isEmpty, seedDemo } from './db/demo.js';
import { buildNodeContext } from './node-context.js';

function printDemo(port: number, tokens: { what: string; email: string; token: string }[]) {
  const base = `http://127.0.0.1:${port}`;
  const [support, , , eoCy] = tokens;
  const lines = [
    '',
    'cymorth demo data is ready. Demo tokens (shown once):',
    ...tokens.map((t) => `  ${t.what.padEnd(42)} ${t.email.padEnd(36)} ${t.token}`),
    '',
    'Try:',
    `  curl -s -H "Authorization: Bearer ${support?.token}" ${base}/api/v1/centres/68123`,
    `  curl -s -H "Authorization: Bearer ${support?.token}" "${base}/api/v1/centres?q=gwyr"`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" ${base}/api/v1/me`,
    `  curl -s -H "Authorization: Bearer ${eoCy?.token}" -H "Content-Type: application/json" -X PATCH -d '{"ukprn":"123"}' ${base}/api/v1/centres/68123`,
    '',
    `API docs: ${base}/docs   OpenAPI: ${base}/api/v1/openapi.json`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const config = loadConfig(process.env);
  const { ctx, close } = await buildNodeContext(config);
  const log = ctx.logger;
  const demoTokens = config.DEMO_SEED && (await isEmpty(ctx)) ? await seedDemo(ctx) : undefined;

  const app = createApp(ctx);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    log.info({ port: info.port, database: config.DATABASE_PATH }, 'cymorth listening');
    if (demoTokens) printDemo(info.port, demoTokens);
    else
      log.info(
        'database already has data; make a token with: npx cymorth token create --role support --email you@example.org',
      );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    server.close(() => {
      close();
      log.info('stopped');
      process.exit(0);
    });
  };
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
