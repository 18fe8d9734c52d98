// Bundles the Node server into one ES module for `npm start`, so production runs plain JavaScript:
// tsx compiles every TypeScript file in-process at start-up and keeps ~40 MB more resident for it.
// Packages stay external (resolved from node_modules). The bundle sits two folders deep, like
// src/<feature>/, so the paths the code resolves from its own location (templates/, migrations/) hold.
// Code the server loads on first use (chat, the IMAP reader) goes in chunks of its own beside it:
// in one file, esbuild hoists such code's package imports to the top, and @slack/bolt and imapflow
// then loaded at every start, about 20 MB resident whether chat or IMAP were configured or not.
import { readdirSync, rmSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { build } from 'esbuild';

const OUT = 'build/server';
const result = await build({
  entryPoints: ['src/server.ts'],
  outdir: OUT,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
});

// Chunks are named by their content, so each build leaves the last one's stale chunks behind. They are
// removed once this build is written, not by emptying the folder first: a chunk whose content did not
// change is then never missing, not even for a moment, for a server starting beside this build.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => normalize(f)));
for (const name of readdirSync(OUT)) {
  const file = normalize(join(OUT, name));
  if (!written.has(file)) rmSync(file, { force: true });
}
