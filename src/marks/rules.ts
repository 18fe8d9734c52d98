import type { MarkCells, MarkValue, UnitComponent } from '../db/schema/index.js';

/** A component's key: its label in lower case, runs of anything else as `_` (`Task 1` → `task_1`). */
export function componentKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Candidate numbers are four digits, so code-point order is their numeric order; and a sort of a
 * thousand rows by `localeCompare` spent most of its time in ICU collation.
 */
export const compareNumbers = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type CellProblem = 'over_max' | 'not_a_mark';
type CellResult = { ok: true; value: MarkValue | null } | { ok: false; code: CellProblem };

/**
 * The seed's cell grammar: an integer 0..max; `a`/`A` is absent; `c`, `C`, `cf`, `CF` carry forward
 * (the carried mark itself is never typed); null or an empty cell clears it.
 */
export function parseCell(raw: unknown, max: number): CellResult {
  if (raw === null) return { ok: true, value: null };
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0) return { ok: false, code: 'not_a_mark' };
    return raw > max ? { ok: false, code: 'over_max' } : { ok: true, value: raw };
  }
  if (typeof raw !== 'string') return { ok: false, code: 'not_a_mark' };
  const text = raw.trim().toUpperCase();
  if (text === '') return { ok: true, value: null };
  if (text === 'A') return { ok: true, value: 'A' };
  if (text === 'C' || text === 'CF') return { ok: true, value: 'CF' };
  if (/^\d{1,4}$/.test(text)) return parseCell(Number(text), max);
  return { ok: false, code: 'not_a_mark' };
}

/** Teacher initials: two to four letters, stored in capitals; empty clears them. */
export function parseInitials(raw: string | null): { ok: true; value: string | null } | { ok: false } {
  const text = raw?.trim().toUpperCase() ?? '';
  if (text === '') return { ok: true, value: null };
  return /^\p{Lu}{1,4}$/u.test(text) ? { ok: true, value: text } : { ok: false };
}

/** The marks that count: a moderator's clerical correction overrides the centre's mark. */
export function effectiveMarks(marks: MarkCells, clerical: Record<string, number>): MarkCells {
  return { ...marks, ...clerical };
}

/**
 * The total of a row: null until every component has a value; `CF` when any is carried forward;
 * `A` when the candidate was absent for all of it; otherwise the sum (an absent component counts 0).
 */
export function totalOf(components: readonly UnitComponent[], marks: MarkCells): MarkValue | null {
  const values = components.map((c) => marks[c.key]);
  if (values.some((v) => v === undefined)) return null;
  if (values.includes('CF')) return 'CF';
  if (values.every((v) => v === 'A')) return 'A';
  return values.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
}

interface RowState {
  marks: MarkCells;
  initials: string | null;
}

/** What a row still lacks before the unit can be submitted: component keys and `initials`. */
export function missingOf(components: readonly UnitComponent[], needsInitials: boolean, row: RowState) {
  const missing = components.filter((c) => row.marks[c.key] === undefined).map((c) => c.key);
  const total = totalOf(components, row.marks);
  // Initials name who marked the work: an absent or carried-forward candidate has none to give.
  if (needsInitials && typeof total === 'number' && !row.initials) missing.push('initials');
  return missing;
}

// Built once: making a DateTimeFormat costs far more than using one.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Europe/London (`YYYY-MM-DD`), which is what deadlines are set in. */
export const londonDate = (at: Date): string => LONDON_DAY.format(at);
