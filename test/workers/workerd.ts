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
 * Boots the Workers build in workerd with an empty local D1, migrates it and seeds the demo data
 * through the worker's own context, answering the demo tokens, a `fetch` into the worker and a way
 * to fire its Cron Trigger. `vars` are added to `wrangler.toml`'s, as `wrangler secret put` would.
 */
export async function bootWorkerd(vars: Record<string, string> = {}) {
  const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') });
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
      // wrangler uploads the mail templates as text modules beside the script (src/mail/worker-templates.ts).
      modulesRules: [{ type: 'Text', include: ['**/*.txt', '**/*.html'] }],
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      d1Databases: [binding.binding],
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
