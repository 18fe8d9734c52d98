import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the intake tests run: the master binary and the IMAP server it starts (dovecot-imapd). */
const NEEDED = ['/usr/sbin/dovecot', '/usr/lib/dovecot/imap'];
const PACKAGE = 'dovecot-imapd';

const present = () => NEEDED.every((path) => existsSync(path));

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
 * Vitest global setup: the intake tests start a private Dovecot, so a fresh Debian machine gets
 * one from apt when the tests run as root; anyone else is told, in one line, what to install.
 */
export default function ensureDovecot(): void {
  if (present()) return;
  if (process.getuid?.() !== 0) {
    stop(
      `cymorth tests need Dovecot: install the Debian package ${PACKAGE} (sudo apt-get install ${PACKAGE})`,
    );
  }
  process.stderr.write(`Dovecot is missing: installing ${PACKAGE} with apt-get\n`);
  const installed =
    aptGet('install', '-y', '-qq', '--no-install-recommends', PACKAGE) ||
    (aptGet('update', '-qq') && aptGet('install', '-y', '-qq', '--no-install-recommends', PACKAGE));
  if (!installed || !present()) stop(`cymorth tests need Dovecot: apt-get could not install ${PACKAGE}`);
}
