/**
 * `npm run bench [id ...]`: runs the benchmark rows and records them in `bench/results.json`.
 *
 * Row module contract. Each `bench/rows/<id>.ts` default-exports a `RowModule` (bench/lib/row.ts):
 *   { id: '<id>', what: 'one line: what is measured and how', run(): Promise<BenchRow> }
 * `run` starts whatever it needs (child servers on temp databases, see bench/lib/server.ts
 * `spawnServer`), measures "ours" and a bare baseline in the same run (bench/lib/load.ts `runLoad`
 * for HTTP load with autocannon), reads peak RSS of our process (bench/lib/rss.ts `peakRssMb`),
 * stops everything it started (also when it throws), and returns `benchRow({...})`
 * (bench/lib/row.ts), which computes the ratio and judges the row's targets. A row must not
 * write results itself; this runner merges by id, so running one row keeps the others.
 * Rows run one after another, never in parallel, so they do not load the machine for each other;
 * the disk is synced before each row, so the kernel is not still writing out the last row's files
 * (bulk_users leaves thousands of mails and a large WAL behind) while the next one is timed.
 */
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults, readResults, writeResults } from './lib/results.js';
import type { BenchRow, RowModule } from './lib/row.js';
import { formatTable } from './lib/table.js';

const ROWS_DIR = fileURLToPath(new URL('./rows/', import.meta.url));

async function discover(): Promise<RowModule[]> {
  const files = (await readdir(ROWS_DIR)).filter((f) => f.endsWith('.ts')).sort();
  const rows: RowModule[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(`${ROWS_DIR}${file}`).href)) as { default?: RowModule };
    const row = mod.default;
    if (!row || typeof row.run !== 'function' || !row.id) {
      throw new Error(`bench/rows/${file} must default-export { id, what, run }`);
    }
    rows.push(row);
  }
  return rows;
}

async function main() {
  const wanted = process.argv.slice(2);
  const all = await discover();
  const unknown = wanted.filter((id) => !all.some((r) => r.id === id));
  if (unknown.length) {
    throw new Error(`unknown row(s): ${unknown.join(', ')}; known: ${all.map((r) => r.id).join(', ')}`);
  }
  const chosen = wanted.length ? all.filter((r) => wanted.includes(r.id)) : all;
  const fresh: BenchRow[] = [];
  let failed = 0;
  for (const row of chosen) {
    execFileSync('sync');
    process.stderr.write(`bench: ${row.id}: ${row.what}\n`);
    try {
      fresh.push(await row.run());
    } catch (err) {
      failed++;
      process.stderr.write(`bench: ${row.id} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    }
  }
  const merged = mergeResults(await readResults(), fresh);
  await writeResults(merged);
  process.stdout.write(`${formatTable(merged)}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
