import { sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { isNotNullViolation } from '../db/errors.js';
import { entries, type MarkCells, type MarkValue } from '../db/schema/index.js';
import { DomainError, type ErrorDetail } from '../errors.js';
import { assertAccess, requireSheet, type Sheet } from './access.js';
import { moderationVisible, presentRow } from './present.js';
import { type SheetRow, visibleRows } from './queries.js';
import { parseCell, parseInitials } from './rules.js';

interface SaveRowInput {
  candidate_number: string;
  marks: Record<string, unknown>;
  initials?: string | null;
  version: number;
}

export interface Refusal {
  candidate_number: string;
  /** A component key, `initials`, or null when the candidate itself is unknown. */
  component: string | null;
  code: 'over_max' | 'not_a_mark' | 'unknown_candidate' | 'bad_initials';
  params: Record<string, unknown>;
}

/** A row's audited cells: the marks and initials that changed. */
interface Cells {
  marks?: Record<string, MarkValue | null>;
  initials?: string | null;
}

interface Change {
  row: SheetRow;
  marks: MarkCells;
  initials: string | null;
  cells: number;
}

/** Unknown component keys and repeated candidates refuse the whole batch: they are a client's mistake. */
function assertShape(sheet: Sheet, rows: readonly SaveRowInput[]) {
  const keys = new Set(sheet.unit.components.map((c) => c.key));
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  rows.forEach((r, i) => {
    for (const k of Object.keys(r.marks))
      if (!keys.has(k)) details.push({ field: `rows.${i}.marks.${k}`, code: 'unknown_component' });
    if (seen.has(r.candidate_number))
      details.push({ field: `rows.${i}.candidate_number`, code: 'duplicate_in_file' });
    seen.add(r.candidate_number);
  });
  if (details.length) throw new DomainError('validation_failed', {}, details);
}

/** Applies one row's good cells and names each bad one, as the seed's screen does cell by cell. */
function applyRow(sheet: Sheet, row: SheetRow, input: SaveRowInput, refused: Refusal[]): Change {
  const marks: MarkCells = { ...row.entry.marks };
  let cells = 0;
  for (const c of sheet.unit.components) {
    if (!(c.key in input.marks)) continue;
    const raw = input.marks[c.key];
    const parsed = parseCell(raw, c.max);
    if (!parsed.ok) {
      refused.push({
        candidate_number: input.candidate_number,
        component: c.key,
        code: parsed.code,
        params: { value: String(raw), max: c.max, component: c.label },
      });
      continue;
    }
    if (parsed.value === null) delete marks[c.key];
    else marks[c.key] = parsed.value;
    cells++;
  }
  let initials = row.entry.initials;
  if (input.initials !== undefined) {
    const parsed = parseInitials(input.initials);
    if (parsed.ok) {
      initials = parsed.value;
      cells++;
    } else
      refused.push({
        candidate_number: input.candidate_number,
        component: 'initials',
        code: 'bad_initials',
        params: {},
      });
  }
  return { row, marks, initials, cells };
}

function conflict(sheet: Sheet, rows: SheetRow[], show: boolean): never {
  throw new DomainError(
    'version_conflict',
    {},
    rows.map((r) => ({
      field: r.candidate.number,
      code: 'version_conflict',
      params: { version: r.entry.version, current: presentRow(sheet, r, show) },
    })),
  );
}

/**
 * Saves a batch of marksheet rows: every good cell is saved, every bad one refused and named. A row
 * saved by someone else since the caller's version refuses the whole batch (409 with the current
 * rows), never a silent overwrite; the check is repeated inside the write, so a save that races
 * another loses cleanly.
 */
export async function saveMarks(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  input: { rows: SaveRowInput[] },
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  if (sheet.sheet.submittedAt) throw new DomainError('marks_locked', { code: sheet.unit.code });
  assertShape(sheet, input.rows);
  const show = moderationVisible(sheet, ctx.clock.now());
  const current = new Map((await visibleRows(ctx.db, sheet.sheet.id)).map((r) => [r.candidate.number, r]));

  const refused: Refusal[] = [];
  const changes: Change[] = [];
  const stale: SheetRow[] = [];
  for (const r of input.rows) {
    const row = current.get(r.candidate_number);
    if (!row) {
      refused.push({
        candidate_number: r.candidate_number,
        component: null,
        code: 'unknown_candidate',
        params: { candidate: r.candidate_number },
      });
    } else if (row.entry.version !== r.version) stale.push(row);
    else changes.push(applyRow(sheet, row, r, refused));
  }
  if (stale.length) conflict(sheet, stale, show);
  const changed = changes.filter((c) => c.cells > 0);
  if (changed.length) await writeChanges(ctx, p, sheet, changed, input);
  // The rows as written, without reading them back: the guarded write changed exactly these.
  const written = new Map(changed.map((c) => [c.row.entry.id, c]));
  const after = changes.map(({ row }) => {
    const c = written.get(row.entry.id);
    return c
      ? {
          ...row,
          entry: { ...row.entry, marks: c.marks, initials: c.initials, version: row.entry.version + 1 },
        }
      : row;
  });
  return {
    saved: changed.reduce((n, c) => n + c.cells, 0),
    refused,
    rows: after.map((r) => presentRow(sheet, r, show)),
  };
}

/**
 * What the batch changed, cell by cell: a whole sheet saved at once would otherwise store every
 * row twice over in one audit row, and the audit row is most of what the save writes.
 */
function auditedCells(components: readonly { key: string }[], changed: readonly Change[]) {
  const before: Record<string, Cells> = {};
  const after: Record<string, Cells> = {};
  for (const { row, marks, initials } of changed) {
    const was: Cells = {};
    const now: Cells = {};
    const wasMarks: Record<string, MarkValue | null> = {};
    const nowMarks: Record<string, MarkValue | null> = {};
    for (const { key } of components) {
      const from = row.entry.marks[key] ?? null;
      const to = marks[key] ?? null;
      if (from === to) continue;
      wasMarks[key] = from;
      nowMarks[key] = to;
      was.marks = wasMarks;
      now.marks = nowMarks;
    }
    if (row.entry.initials !== initials) {
      was.initials = row.entry.initials;
      now.initials = initials;
    }
    if (!now.marks && now.initials === undefined) continue;
    before[row.candidate.number] = was;
    after[row.candidate.number] = now;
  }
  return { before, after };
}

/**
 * Two statements whatever the batch size: one UPDATE over the rows as a JSON list, touching only rows
 * still at the version read, then the audit row, whose id is NULL (failing the whole batch) unless
 * that UPDATE changed every row. `changes()` is the count of the statement just before, in the same
 * transaction on libSQL and D1 alike, so the guard costs no second pass over the rows.
 */
async function writeChanges(
  ctx: AppContext,
  p: Principal,
  sheet: Sheet,
  changed: Change[],
  input: { rows: SaveRowInput[] },
) {
  const now = ctx.clock.now();
  const values = JSON.stringify(
    changed.map((c) => ({ id: c.row.entry.id, v: c.row.entry.version, m: c.marks, i: c.initials })),
  );
  const guard = sql<string>`(select ${String(sheet.sheet.id)} where changes() = ${changed.length})`;
  try {
    await writeAtomically(ctx.db, [
      ctx.db.run(sql`update ${entries} set marks = json_extract(j.value, '$.m'), initials = json_extract(j.value, '$.i'),
        version = version + 1, updated_at = ${now.getTime()}
        from json_each(${values}) j
        where ${entries.id} = json_extract(j.value, '$.id') and ${entries.version} = json_extract(j.value, '$.v')`),
      auditInsert(ctx.db, actorOf(p), now, {
        entity: 'marksheet',
        entityId: guard,
        centreId: sheet.centre.id,
        action: 'save_marks',
        ...auditedCells(sheet.unit.components, changed),
      }),
    ]);
  } catch (err) {
    if (!isNotNullViolation(err, 'audit_log.entity_id')) throw err;
    const fresh = await visibleRows(ctx.db, sheet.sheet.id);
    const asked = new Map(input.rows.map((r) => [r.candidate_number, r.version]));
    conflict(
      sheet,
      fresh.filter((r) => asked.has(r.candidate.number) && asked.get(r.candidate.number) !== r.entry.version),
      moderationVisible(sheet, now),
    );
  }
}
