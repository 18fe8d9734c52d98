import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` for a folder an operator names (DATABASE_PATH's, DATA_DIR), one level at a time.
 * Node's own recursive mkdir never returns for a path under /proc, where making a folder answers
 * ENOENT although its parent exists, so it retries the parent for ever and the process then ignores
 * SIGTERM. One level at a time, that answer is an error naming the path, like any other.
 */
export function makeDir(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (err) {
      // Made meanwhile by another process starting on the same data: what was asked for exists.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
