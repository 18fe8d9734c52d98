import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A Debian package, and the files that show it is installed. */
export interface DebianPackage {
  name: string;
  what: string;
  files: string[];
}

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
 * A fresh Debian machine gets what `purpose` runs for real from apt when it runs as root; anyone
 * else is told, in one line, what to install.
 */
export function ensurePackages(purpose: string, packages: DebianPackage[]): void {
  const missing = packages.filter((p) => !p.files.every((file) => existsSync(file)));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const what = missing.map((p) => p.what).join(' and ');
  if (process.getuid?.() !== 0) {
    stop(
      `${purpose} need ${what}: install the Debian package${names.length > 1 ? 's' : ''} ${names.join(' ')} (sudo apt-get install ${names.join(' ')})`,
    );
  }
  process.stderr.write(`${what} missing: installing ${names.join(' ')} with apt-get\n`);
  const install = () => aptGet('install', '-y', '-qq', '--no-install-recommends', ...names);
  const installed = install() || (aptGet('update', '-qq') && install());
  if (!installed || missing.some((p) => !p.files.every((file) => existsSync(file))))
    stop(`${purpose} need ${what}: apt-get could not install ${names.join(' ')}`);
}
