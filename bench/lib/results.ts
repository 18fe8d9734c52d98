import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './row.js';

const RESULTS_PATH = fileURLToPath(new URL('../results.json', import.meta.url));

/** The rows from an earlier run, or none when there is no file yet. */
export async function readResults(path = RESULTS_PATH): Promise<BenchRow[]> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as BenchRow[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Replaces rows measured this time in place and appends new ones, so running one row keeps the rest. */
export function mergeResults(earlier: BenchRow[], fresh: BenchRow[]): BenchRow[] {
  const byId = new Map(fresh.map((r) => [r.id, r]));
  const merged = earlier.map((r) => byId.get(r.id) ?? r);
  const known = new Set(earlier.map((r) => r.id));
  return [...merged, ...fresh.filter((r) => !known.has(r.id))];
}

export async function writeResults(rows: BenchRow[], path = RESULTS_PATH): Promise<void> {
  await writeFile(path, `${JSON.stringify(rows, null, 2)}\n`);
}
