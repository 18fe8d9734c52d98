import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A free loopback port: bind port 0, read what the OS gave, let it go. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** A scratch directory removed by the returned function. */
export function tempDir(prefix = 'cymorth-bench-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface ServerChild {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** Everything the child printed on stdout so far (demo tokens, curl lines…). */
  stdout(): string;
  /** Everything the child printed on stderr so far (a crash's stack ends up here). */
  stderr(): string;
  /** SIGTERM, then wait for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface SpawnServerOptions {
  /** The entry, relative to the repository root: a `.ts` file runs with tsx, a `.mjs` bundle as it is. */
  entry: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. `['--cpu-prof', '--cpu-prof-dir=/tmp/prof']` to profile the server. */
  nodeArgs?: string[];
  /** Polled until it answers 2xx; default `/healthz`. */
  readyPath?: string;
  timeoutMs?: number;
}

/**
 * Starts a server entry as a child process on a free loopback port (passed as PORT, HOST=127.0.0.1)
 * and resolves once `readyPath` answers. The child runs `node --import tsx` directly (not via npx),
 * so its pid is the server's own and its RSS is the server's alone.
 */
export async function spawnServer(opts: SpawnServerOptions): Promise<ServerChild> {
  const port = await freePort();
  const loader = opts.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...loader, opts.entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${opts.entry} exited ${child.exitCode}:\n${err}`);
    try {
      const res = await fetch(`${url}${opts.readyPath ?? '/healthz'}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.entry} did not answer within the timeout:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    pid: child.pid ?? 0,
    port,
    url,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
