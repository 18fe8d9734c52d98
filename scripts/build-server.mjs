// Bundles the Node server into one ES module for `npm start`, so production runs plain JavaScript:
// tsx compiles every TypeScript file in-process at start-up and keeps ~40 MB more resident for it.
// Packages stay external (resolved from node_modules). The bundle sits two folders deep, like
// src/<feature>/, so the paths the code resolves from its own location (templates/, migrations/) hold.
// Code the server loads on first use (chat, the IMAP reader) goes in chunks of its own beside it:
// in one file, esbuild hoists such code's package imports to the top, and @slack/bolt and imapflow
// then loaded at every start, about 20 MB resident whether chat or IMAP were configured or not.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('build/server', { recursive: true, force: true });
await build({
  entryPoints: ['src/server.ts'],
  outdir: 'build/server',
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
});
