/**
 * `npm run dev:workers`: the Workers build on this machine. Migrates the local D1 database with
 * wrangler, seeds the demo data into it once (through the worker's own context, from Node, so no
 * seeding route ever ships), then runs `wrangler dev` and prints the demo tokens when it is ready.
 * Local D1 lives in `.wrangler/state`; delete that folder to start again from empty.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { isEmpty, seedDemo } from '../src/db/demo.js';
import { type DemoToken, demoBanner } from '../src/demo-banner.js';
import { type Env, workerContext } from '../src/worker-context.js';

const ROOT = resolve(import.meta.dirname, '..');
const WRANGLER = resolve(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const PORT = process.env.PORT ?? '8787';

function wrangler(args: string[], stdout: 'inherit' | 'pipe' = 'inherit') {
  return spawn(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    stdio: ['inherit', stdout, 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}

function run(args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    wrangler(args).on('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`wrangler ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function seedOnce(): Promise<DemoToken[] | undefined> {
  const proxy = await getPlatformProxy<Env>({
    configPath: resolve(ROOT, 'wrangler.toml'),
    remoteBindings: false,
  });
  try {
    const ctx = workerContext(proxy.env);
    return (await isEmpty(ctx)) ? await seedDemo(ctx) : undefined;
  } finally {
    await proxy.dispose();
  }
}

async function main() {
  await run(['d1', 'migrations', 'apply', 'cymorth', '--local']);
  const tokens = await seedOnce();

  const dev = wrangler(['dev', '--local', '--port', PORT], 'pipe');
  let shown = false;
  dev.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    const ready = chunk.toString().match(/Ready on (http\S+)/);
    if (!ready?.[1] || shown) return;
    shown = true;
    const base = ready[1].replace(/\/$/, '');
    const mail = `Mail: POST a raw message to "${base}/cdn-cgi/handler/email?from=SENDER&to=centres@cymorth.localhost" (curl --data-binary @letter.eml) to put a request on the queue, as Email Routing would.`;
    process.stdout.write(
      tokens
        ? demoBanner(base, tokens, [mail])
        : `\nLocal D1 already has data, so no new demo tokens; delete .wrangler/state and restart to seed again.\n${mail}\n`,
    );
  });
  // First in line: the platform proxy left an exit hook that would end this process before wrangler hears.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.prependListener(signal, () => dev.kill(signal));
  dev.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  process.stderr.write(`dev:workers: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
