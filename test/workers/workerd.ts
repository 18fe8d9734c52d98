import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { D1Database } from '@cloudflare/workers-types/index.js';
import { Miniflare } from 'miniflare';
import { unstable_readConfig, unstable_splitSqlQuery } from 'wrangler';
import { seedDemo } from '../../src/db/demo.js';
import { workerContext } from '../../src/worker-context.js';
import { bundleWorker, inspectBundle, ROOT } from './bundle.js';

/** Applies `migrations_dir` file by file, each in one batch, as `wrangler d1 migrations apply` does. */
async function migrate(db: D1Database, dir: string) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  for (const file of files) {
    const statements = unstable_splitSqlQuery(await readFile(join(dir, file), 'utf8'));
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}

/**
 * Boots the Workers build in workerd with an empty local D1 and R2, migrates D1 and seeds the demo
 * data through the worker's own context, answering the demo tokens, a `fetch` into the worker and
 * ways to fire its Cron Trigger and hand it a message as Email Routing would. `vars` are added to
 * `wrangler.toml`'s, as `wrangler secret put` would; `blobs: false` leaves the R2 bucket unbound.
 */
export async function bootWorkerd(vars: Record<string, string> = {}, opts: { blobs?: boolean } = {}) {
  const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') });
  const buckets = opts.blobs === false ? [] : config.r2_buckets.map((b: { binding: string }) => b.binding);
  const binding = config.d1_databases[0];
  if (!binding?.migrations_dir) throw new Error('wrangler.toml declares no D1 database with migrations');
  const outdir = await mkdtemp(join(tmpdir(), 'cymorth-workerd-'));
  let started: Miniflare | undefined;
  try {
    const scriptPath = await bundleWorker(outdir);
    const mf = new Miniflare({
      modules: true,
      modulesRoot: outdir,
      scriptPath,
      // wrangler uploads the mail templates as text modules beside the script (src/mail/worker-templates.ts),
      // and the report fonts as binary ones (src/reports/worker-fonts.ts).
      modulesRules: [
        { type: 'Text', include: ['**/*.txt', '**/*.html'] },
        { type: 'Data', include: ['**/*.ttf'] },
      ],
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      d1Databases: [binding.binding],
      r2Buckets: buckets,
      r2Persist: false,
      // Serves /cdn-cgi/handler/email, which hands a raw message to the worker's email() handler.
      unsafeTriggerHandlers: true,
      bindings: { ...config.vars, LOG_LEVEL: 'silent', ...vars },
      d1Persist: false,
    });
    started = mf;
    const db = (await mf.getD1Database(binding.binding)) as unknown as D1Database;
    await migrate(db, join(ROOT, binding.migrations_dir));
    const tokens = await seedDemo(workerContext({ DB: db, LOG_LEVEL: 'silent' }));
    const url = await mf.ready;
    return {
      tokens,
      /** The same D1 database the worker uses, for looking at what a request left behind. */
      db,
      bundle: await inspectBundle(scriptPath),
      fetch: (path: string, init?: RequestInit) => fetch(new URL(path, url), init),
      /** The cron schedules `wrangler.toml` declares. */
      crons: config.triggers.crons ?? [],
      /** What the Cron Trigger does each time it fires: workerd runs the worker's `scheduled` handler. */
      async scheduled() {
        const result = await (await mf.getWorker()).scheduled({ cron: config.triggers.crons?.[0] });
        if (result.outcome !== 'ok') throw new Error(`scheduled handler ended ${result.outcome}`);
      },
      /** The R2 bucket the worker keeps raw mail and attachments in. */
      blobs: () => mf.getR2Bucket(buckets[0] ?? 'BLOBS'),
      /**
       * Delivers a raw message to the worker's `email()` handler as Email Routing would; answers the
       * status: 200 accepted, otherwise the handler failed and a real sender would try again later.
       */
      async email(raw: Uint8Array, envelope: { from: string; to: string }) {
        const query = new URLSearchParams(envelope);
        const res = await fetch(new URL(`/cdn-cgi/handler/email?${query}`, url), {
          method: 'POST',
          body: raw,
        });
        return { status: res.status, text: await res.text() };
      },
      async dispose() {
        await mf.dispose();
        await rm(outdir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await started?.dispose();
    await rm(outdir, { recursive: true, force: true });
    throw err;
  }
}
