import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** A scratch directory for one test's database and files. */
export function scratch(): { dir: string; db: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cymorth-test-'));
  return {
    dir,
    db: join(dir, 'cymorth.sqlite'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Only what a fresh shell would give the child, so the developer's own settings do not leak in. */
function baseEnv(env: Record<string, string>) {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_OPTIONS'];
  return {
    ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k] as string])),
    ...env,
  };
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the checkout to completion. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.once('error', fail);
    child.once('close', (code) => ok({ code, stdout, stderr }));
  });
}

/** `npx cymorth …` as the checkout's bin runs it. */
export const cymorth = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [join(ROOT, 'bin/cymorth.mjs'), ...args], env);

export interface Started {
  child: ChildProcess;
  /** Everything printed so far. */
  out(): string;
  err(): string;
  /** Resolves when the output matches, with the match. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Starts a long-running entry (the server) and lets the test wait on what it prints. */
export function start(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; ok(m: RegExpMatchArray): void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = out.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.ok(m);
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    check();
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    waitFor: (pattern) =>
      new Promise((ok, fail) => {
        const m = out.match(pattern);
        if (m) return ok(m);
        waiters.push({ pattern, ok });
        exited.then((code) => fail(new Error(`exited ${code} before ${pattern}:\n${out}\n${err}`)));
      }),
  };
}
