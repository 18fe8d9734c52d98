import { readFile } from 'node:fs/promises';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Mail templates imported as text, as wrangler's default module rules bundle them (src/mail/worker-templates.ts).
  plugins: [
    {
      name: 'text-modules',
      enforce: 'pre',
      async load(id) {
        if (!/\/templates\/(?:en|cy)\/[\w-]+\.(?:txt|html)$/.test(id)) return null;
        return `export default ${JSON.stringify(await readFile(id, 'utf8'))};`;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['scripts/ensure-test-packages.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
