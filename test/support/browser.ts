import { type Browser, chromium } from 'playwright-core';
import { scratch, start } from './child.js';

/**
 * Debian's Chromium, headless, driven by playwright-core (no browser download of its own). Without
 * the background-networking flags Chromium keeps trying to reach Google from a closed network.
 */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The demo server (`src/server.ts` on a scratch database, as `npm start` runs it) and a browser to
 * point at it; `close` ends both and removes the scratch directory.
 */
export async function demoServerAndBrowser(env: Record<string, string> = {}) {
  const dir = scratch();
  const server = start(['src/server.ts'], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: dir.db,
    DATA_DIR: dir.dir,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const base = (await server.waitFor(/API docs: (http:\/\/127\.0\.0\.1:\d+)\/docs/))[1] as string;
  const browser = await launchChromium();
  return {
    base,
    browser,
    server,
    dataDir: dir.dir,
    async close() {
      await browser.close();
      server.child.kill('SIGKILL');
      dir.remove();
    },
  };
}
