// Bundles the Node server into one ES module for `npm start`, so production runs plain JavaScript:
// tsx compiles every TypeScript file in-process at start-up and keeps ~40 MB more resident for it.
// Packages stay external (resolved from node_modules). The bundle sits two folders deep, like
// src/<feature>/, so the paths the code resolves from its own location (templates/, migrations/) hold.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'build/server/server.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
