import { compareNumbers } from './rules.js';
import table from './sample-table.json' with { type: 'json' };

/**
 * The moderation sample rule (SPEC 2.4). The size comes from a versioned table (sample-table.json),
 * because boards change it; the choice is a pure function of the marks, so the same marks always
 * give the same sample.
 */
interface SampleTable {
  version: string;
  bands: { up_to: number | null; size: number | 'all' }[];
}

export const SAMPLE_TABLE: SampleTable = table as SampleTable;

export function sampleSize(n: number, t: SampleTable = SAMPLE_TABLE): number {
  const band = t.bands.find((b) => b.up_to === null || n <= b.up_to);
  if (!band || band.size === 'all') return n;
  return Math.min(n, band.size);
}

export interface Rankable {
  candidateNumber: string;
  total: number;
  initials: string | null;
}

/** Rank order: highest total first, ties by candidate number, so the order never depends on storage. */
export function rankOrder<T extends Rankable>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.total - a.total || compareNumbers(a.candidateNumber, b.candidateNumber));
}

/** Each teacher's share of the sample in proportion to their candidates (largest remainder, ties by initials). */
function teacherQuotas(ranked: readonly Rankable[], size: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of ranked) counts.set(r.initials ?? '', (counts.get(r.initials ?? '') ?? 0) + 1);
  const n = ranked.length;
  const shares = [...counts.entries()]
    .map(([t, c]) => ({ t, exact: (c * size) / n, c }))
    .sort((a, b) => a.t.localeCompare(b.t));
  const quotas = new Map(shares.map((s) => [s.t, Math.floor(s.exact)]));
  let left = size - [...quotas.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...shares].sort(
    (a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.t.localeCompare(b.t),
  );
  for (const s of byRemainder) {
    if (left <= 0) break;
    quotas.set(s.t, (quotas.get(s.t) ?? 0) + 1);
    left--;
  }
  return quotas;
}

/**
 * Chooses the sample from the candidates with a numeric total: all of them up to the table's first
 * band; otherwise the highest and the lowest, and the rest at evenly spaced ranks. Where several
 * teachers marked, each rank is taken by the nearest candidate whose teacher has not yet had their
 * proportional share, so the sample spreads across teachers as well as marks.
 */
export function chooseSample<T extends Rankable>(rows: readonly T[], t: SampleTable = SAMPLE_TABLE): T[] {
  const ranked = rankOrder(rows);
  const n = ranked.length;
  const size = sampleSize(n, t);
  if (size >= n) return ranked;
  const quotas = teacherQuotas(ranked, size);
  const taken = new Set<number>();
  const take = (i: number) => {
    taken.add(i);
    const key = ranked[i]?.initials ?? '';
    quotas.set(key, (quotas.get(key) ?? 0) - 1);
  };
  take(0);
  if (size > 1) take(n - 1);
  for (let k = 1; taken.size < size && k < size - 1; k++)
    take(nearestFree(ranked, taken, quotas, Math.round((k * (n - 1)) / (size - 1))));
  return [...taken].sort((a, b) => a - b).map((i) => ranked[i] as T);
}

/** The free rank nearest the target whose teacher still has share left (the higher mark on a tie). */
function nearestFree(
  ranked: readonly Rankable[],
  taken: Set<number>,
  quotas: Map<string, number>,
  target: number,
): number {
  const fits = (i: number, quota: boolean) =>
    i >= 0 &&
    i < ranked.length &&
    !taken.has(i) &&
    (!quota || (quotas.get(ranked[i]?.initials ?? '') ?? 0) > 0);
  for (const quota of [true, false]) {
    for (let d = 0; d < ranked.length; d++) {
      if (fits(target - d, quota)) return target - d;
      if (fits(target + d, quota)) return target + d;
    }
  }
  throw new Error('no free rank left, which a size below n rules out');
}

/** A replacement for a candidate whose work is lost or incomplete: the nearest total, higher first on a tie. */
export function nearestByMark<T extends Rankable>(pool: readonly T[], total: number): T | undefined {
  return [...pool].sort(
    (a, b) =>
      Math.abs(a.total - total) - Math.abs(b.total - total) ||
      b.total - a.total ||
      compareNumbers(a.candidateNumber, b.candidateNumber),
  )[0];
}
