import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Debian packages the tests run for real, and the files that show each is there. */
const PACKAGES = [
  // The intake tests start a private Dovecot: the master binary and its IMAP server.
  { name: 'dovecot-imapd', what: 'Dovecot', files: ['/usr/sbin/dovecot', '/usr/lib/dovecot/imap'] },
  // The /docs page is opened in a real browser, offline.
  { name: 'chromium', what: 'Chromium', files: ['/usr/bin/chromium'] },
];

function aptGet(...args: string[]): boolean {
  const run = spawnSync('apt-get', args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return run.status === 0;
}

function stop(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/**
 * Vitest global setup: a fresh Debian machine gets what the tests need from apt when the tests run
 * as root; anyone else is told, in one line, what to install.
 */
export default function ensureTestPackages(): void {
  const missing = PACKAGES.filter((p) => !p.files.every((file) => existsSync(file)));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const what = missing.map((p) => p.what).join(' and ');
  if (process.getuid?.() !== 0) {
    stop(
      `cymorth tests need ${what}: install the Debian package${names.length > 1 ? 's' : ''} ${names.join(' ')} (sudo apt-get install ${names.join(' ')})`,
    );
  }
  process.stderr.write(`${what} missing: installing ${names.join(' ')} with apt-get\n`);
  const install = () => aptGet('install', '-y', '-qq', '--no-install-recommends', ...names);
  const installed = install() || (aptGet('update', '-qq') && install());
  if (!installed || missing.some((p) => !p.files.every((file) => existsSync(file))))
    stop(`cymorth tests need ${what}: apt-get could not install ${names.join(' ')}`);
}
