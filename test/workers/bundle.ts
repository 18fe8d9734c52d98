import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

export const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** The bundle `wrangler deploy` would upload (with its source map), so the suite runs what production runs. */
export async function bundleWorker(outdir: string): Promise<string> {
  await promisify(execFile)(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  return join(outdir, 'worker.js');
}

const IMPORT_LINE = /^import\s(?:[^"';]*?\sfrom\s)?["']([^"']+)["'];?$/gm;

function packageOf(source: string): string | undefined {
  const after = source.split('node_modules/').at(-1);
  if (after === source || !after) return undefined;
  const [scope = '', name = ''] = after.split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

/** What a bundle holds: the modules it leaves to the runtime, the npm packages inside it, its upload size. */
export async function inspectBundle(scriptPath: string) {
  const code = await readFile(scriptPath, 'utf8');
  const map = JSON.parse(await readFile(`${scriptPath}.map`, 'utf8')) as { sources: string[] };
  return {
    imports: [...new Set([...code.matchAll(IMPORT_LINE)].map((m) => m[1] ?? ''))].sort(),
    packages: [...new Set(map.sources.map(packageOf).filter((p) => p !== undefined))].sort(),
    gzipBytes: gzipSync(code).byteLength,
  };
}
