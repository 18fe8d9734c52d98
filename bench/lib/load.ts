import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensurePackages } from '../../scripts/ensure-packages.js';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections?: number;
  durationSec?: number;
  /** A POST with this body (wrk-report.lua sends it); GET without. */
  post?: { bodyFile: string };
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  reqPerSec: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  /** Connections refused, reset or timed out. */
  errors: number;
  /** Answers with a status of 400 or more. */
  non2xx: number;
}

/** What bench/lib/wrk-report.lua prints at the end of a run. */
interface WrkReport {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
}

const REPORT_SCRIPT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

/** Reads the JSON line of wrk-report.lua out of what wrk printed. */
function parseWrkReport(stdout: string): LoadResult {
  const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no report:\n${stdout}`);
  const r = JSON.parse(line) as WrkReport;
  const { connect, read, write, status, timeout } = r.errors;
  return {
    reqPerSec: r.requests / (r.duration_us / 1e6),
    p50_ms: r.p50_us / 1000,
    p99_ms: r.p99_us / 1000,
    requests: r.requests,
    errors: connect + read + write + timeout,
    non2xx: status,
  };
}

/**
 * One closed-loop run over loopback with wrk: one thread, `connections` keep-alive connections each
 * sending its next request as soon as the last is answered. wrk rather than a Node load generator
 * because the load generator shares the server's cores and times every request itself: autocannon's
 * own event loop added 3–4 ms to every p99 it read here (README, Benchmarks).
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  ensurePackages('cymorth benchmarks', [{ name: 'wrk', what: 'wrk', files: ['/usr/bin/wrk'] }]);
  const headers = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const args = [
    '-t1',
    `-c${opts.connections ?? 50}`,
    `-d${opts.durationSec ?? 5}s`,
    '-s',
    REPORT_SCRIPT,
    ...headers,
    opts.url,
  ];
  const stdout = await new Promise<string>((ok, fail) => {
    const env = opts.post
      ? { ...process.env, WRK_METHOD: 'POST', WRK_BODY_FILE: opts.post.bodyFile }
      : process.env;
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.once('error', fail);
    child.once('close', (code) => (code === 0 ? ok(out) : fail(new Error(`wrk exited ${code}:\n${out}`))));
  });
  return parseWrkReport(stdout);
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length / 2;
  return Number.isInteger(mid)
    ? ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
    : (sorted[Math.floor(mid)] ?? 0);
}

/**
 * Combines several runs of one side: the median round's throughput and latencies (a burst of load
 * from elsewhere on a shared machine moves one round, not the figure; every round stays in the row's
 * `detail`), summed counts.
 */
export function combine(runs: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  return {
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p50_ms: median(runs.map((r) => r.p50_ms)),
    p99_ms: median(runs.map((r) => r.p99_ms)),
    requests: sum((r) => r.requests),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  };
}
