/**
 * One line of `bench/results.json`. Every row measures cymorth ("ours") next to a bare baseline that
 * does the same essential work with nothing else, measured in the same run on the same machine, so
 * `ratio` says what our layers cost even when the absolute numbers move with the machine's load.
 */
export interface BenchRow {
  /** Stable id; also the row module's file name (`bench/rows/<id>.ts`). */
  id: string;
  /** One line saying what is measured and how. */
  what: string;
  /** Ours, in `unit`. */
  ours: number;
  /** The bare baseline, in `unit`. */
  bare: number;
  /** What `ours` and `bare` count, e.g. `req/s` or `rows/s`; higher is better. */
  unit: string;
  /** ours / bare. */
  ratio: number;
  /** Ours' 99th-percentile latency, or null where a row has no per-request latency. */
  p99_ms: number | null;
  /** Ours' peak resident memory (VmHWM of its process), or null where it was not measured. */
  rss_mb: number | null;
  target?: Targets;
  pass?: Passes;
  measured_at?: string;
  /** Row-specific figures behind the headline numbers (the baseline's own p99 and RSS, error counts…). */
  detail?: Record<string, unknown>;
}

/** The thresholds a row is judged against; omit any that does not apply to the row. */
interface Targets {
  ratio_min?: number;
  p99_ms_max?: number;
  rss_mb_max?: number;
}

interface Passes {
  ratio?: boolean;
  p99_ms?: boolean;
  rss_mb?: boolean;
}

/** What each `bench/rows/<id>.ts` default-exports; `bench/run.ts` discovers and runs these. */
export interface RowModule {
  id: string;
  what: string;
  run(): Promise<BenchRow>;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** Builds a row from raw figures: rounds them, computes the ratio and judges each target. */
export function benchRow(input: Omit<BenchRow, 'ratio' | 'pass' | 'measured_at'>): BenchRow {
  const ratio = input.bare > 0 ? input.ours / input.bare : 0;
  const p99 = input.p99_ms === null ? null : round(input.p99_ms, 2);
  const rss = input.rss_mb === null ? null : round(input.rss_mb, 1);
  const t = input.target ?? {};
  const pass: Passes = {};
  if (t.ratio_min !== undefined) pass.ratio = ratio >= t.ratio_min;
  if (t.p99_ms_max !== undefined) pass.p99_ms = p99 !== null && p99 < t.p99_ms_max;
  if (t.rss_mb_max !== undefined) pass.rss_mb = rss !== null && rss < t.rss_mb_max;
  return {
    id: input.id,
    what: input.what,
    ours: round(input.ours, 1),
    bare: round(input.bare, 1),
    unit: input.unit,
    ratio: round(ratio, 3),
    p99_ms: p99,
    rss_mb: rss,
    ...(input.target ? { target: input.target, pass } : {}),
    measured_at: new Date().toISOString(),
    ...(input.detail ? { detail: input.detail } : {}),
  };
}
