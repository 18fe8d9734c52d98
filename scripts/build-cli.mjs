// Bundles the `cymorth` command into one ES module (build/cli/cli.mjs), as build-server.mjs does for
// `npm start`: compiling the TypeScript sources through tsx, and opening hundreds of small package
// files, made every command take about two seconds to start (issue 17, item 10). Our sources and
// the small pure-JavaScript packages go into the bundle; the native driver and the big libraries
// that only some commands load, on first use, stay in node_modules. The bundle sits two folders
// deep, like src/<feature>/, so the paths the code resolves from its own location (templates/,
// migrations/) hold.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'build/cli/cli.mjs');
const EXTERNAL = [
  'libsql',
  'exceljs',
  'imapflow',
  'mailparser',
  'nodemailer',
  'unpdf',
  'franc',
  'pdfkit',
  'esbuild',
  'tsx',
  // A native addon (.node), and the large libraries only some commands reach.
  '@node-rs/argon2',
  '@slack/bolt',
  '@slack/web-api',
  'mailauth',
  'mammoth',
];
// What the bundle is made from: a change to any of it makes the next command rebuild first.
const INPUTS = ['src', 'locales', 'package-lock.json'];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Whether the bundle is missing or older than anything it is built from. */
export function cliBundleStale() {
  const built = statSync(CLI_BUNDLE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return INPUTS.some((input) => newestMtime(join(ROOT, input)) > built);
}

/**
 * Builds into a folder of its own, then moves the chunks (named by their content, so an older
 * command still running keeps its own) and last the entry, renamed over the old one: commands
 * started together never read half a build. Split into chunks so a library that only one command
 * loads on first use (IMAP for `intake run`) is not loaded by all of them.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const out = dirname(CLI_BUNDLE);
  const partial = join(ROOT, `build/cli-${process.pid}`);
  await build({
    entryPoints: { cli: join(ROOT, 'src/cli.ts') },
    outdir: partial,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: EXTERNAL,
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __cymorthRequire } from 'node:module'; const require = __cymorthRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  mkdirSync(out, { recursive: true });
  const chunks = readdirSync(partial).filter((name) => name !== 'cli.mjs');
  for (const name of chunks) renameSync(join(partial, name), join(out, name));
  renameSync(join(partial, 'cli.mjs'), CLI_BUNDLE);
  rmSync(partial, { recursive: true, force: true });
  pruneChunks(out, new Set(chunks));
}

/** Chunks of earlier builds, once no command started before this build can still be loading them. */
function pruneChunks(out, current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(out)) {
    if (!name.startsWith('chunk-') || current.has(name)) continue;
    if (statSync(join(out, name)).mtimeMs < hourAgo) rmSync(join(out, name), { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
