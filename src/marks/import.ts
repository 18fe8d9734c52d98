import { parse } from 'csv-parse/sync';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, auditInsert } from '../audit/record.js';
import { fold } from '../centres/fold.js';
import type { AppContext } from '../context.js';
import { decodeSpreadsheetText, lostCharacter } from '../csv/decode.js';
import { type Statement, writeAtomically } from '../db/atomic.js';
import { candidates, centres, entries, marksheets, series, units } from '../db/schema/index.js';
import { DomainError, type ErrorDetail } from '../errors.js';
import { issuesToDetails } from '../http/validation.js';
import {
  ENTRY_COLUMNS,
  type EntryImport,
  EntryImportRow,
  UNIT_COLUMNS,
  type UnitImport,
  UnitImportRow,
} from './import-schema.js';

/** Rows as a spreadsheet numbers them (the header is row 1); a missing column fails the file. */
function readCsv(csv: string, columns: readonly string[]) {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new DomainError('import_failed', {}, [
      { row: 1, code: 'invalid', message: (err as Error).message },
    ]);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = columns.filter((c) => !header.includes(c));
  if (records.length && missing.length)
    throw new DomainError(
      'import_failed',
      {},
      missing.map((c) => ({ row: 1, field: c, code: 'required' })),
    );
  return records.map((r, i) => ({ row: i + 2, input: r }));
}

/**
 * Every row of a file checked against its schema. A file's bytes are decoded as the spreadsheet saved
 * them (a BOM, UTF-8, else Windows-1252), and a value whose ŵ or ŷ Excel's Windows-1252 lost is named.
 */
function validate<S extends z.ZodType>(schema: S, file: string | Uint8Array, columns: readonly string[]) {
  const errors: ErrorDetail[] = [];
  const valid: { row: number; value: z.infer<S> }[] = [];
  const { text, encoding } =
    typeof file === 'string' ? { text: file, encoding: 'utf-8' as const } : decodeSpreadsheetText(file);
  for (const { row, input } of readCsv(text, columns)) {
    const lost = Object.entries(input).filter(([, v]) => typeof v === 'string' && lostCharacter(v, encoding));
    if (lost.length) {
      errors.push(...lost.map(([field]) => ({ row, field, code: 'lost_character' })));
      continue;
    }
    const parsed = schema.safeParse(input);
    if (parsed.success) valid.push({ row, value: parsed.data });
    else errors.push(...issuesToDetails(parsed.error.issues).map((d) => ({ ...d, row })));
  }
  return { errors, valid };
}

function fail(errors: ErrorDetail[]): never {
  throw new DomainError(
    'import_failed',
    {},
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
  );
}

const seriesIdOf = (name: string) =>
  sql<number>`(select ${series.id} from ${series} where ${series.name} = ${name})`;
const unitIdOf = (seriesName: string, code: string) =>
  sql<number>`(select u.id from ${units} u join ${series} s on s.id = u.series_id where s.name = ${seriesName} and u.code = ${code})`;

async function existingUnit(ctx: AppContext, seriesName: string, code: string) {
  return ctx.db
    .select({ unit: units })
    .from(units)
    .innerJoin(series, eq(series.id, units.seriesId))
    .where(and(eq(series.name, seriesName), eq(units.code, code)))
    .get();
}

/** A unit's components cannot change under marks already entered: they would lose their column. */
async function hasMarks(ctx: AppContext, unitId: number) {
  const row = await ctx.db
    .select({ id: entries.id })
    .from(entries)
    .innerJoin(marksheets, eq(marksheets.id, entries.marksheetId))
    .where(and(eq(marksheets.unitId, unitId), sql`${entries.marks} <> '{}'`))
    .get();
  return row !== undefined;
}

function unitValues(u: UnitImport) {
  return {
    code: u.code,
    title: u.title,
    titleCy: u.title_cy,
    components: u.components,
    teacherInitials: u.teacher_initials,
    uploads: u.uploads,
    sampleDeadline: u.sample_deadline,
    submissionDeadline: u.submission_deadline,
    resultsDay: u.results_day,
  };
}

/** `cymorth import units`: adds or updates units by series and code; all rows or none. */
export async function importUnits(ctx: AppContext, actor: Actor, csv: string | Uint8Array) {
  const { errors, valid } = validate(UnitImportRow, csv, UNIT_COLUMNS);
  const seen = new Set<string>();
  const now = ctx.clock.now();
  const statements: Statement[] = [];
  let created = 0;
  let updated = 0;
  for (const { row, value: u } of valid) {
    const key = `${u.series}|${u.code}`;
    if (seen.has(key)) errors.push({ row, field: 'code', code: 'duplicate_in_file' });
    seen.add(key);
    const found = await existingUnit(ctx, u.series, u.code);
    const sameComponents = JSON.stringify(found?.unit.components) === JSON.stringify(u.components);
    if (found && !sameComponents && (await hasMarks(ctx, found.unit.id)))
      errors.push({ row, field: 'components', code: 'components_locked' });
    statements.push(ctx.db.insert(series).values({ name: u.series }).onConflictDoNothing());
    if (found) {
      updated++;
      statements.push(
        ctx.db
          .update(units)
          .set({ ...unitValues(u), updatedAt: now })
          .where(eq(units.id, found.unit.id)),
      );
    } else {
      created++;
      statements.push(
        ctx.db
          .insert(units)
          .values({ ...unitValues(u), seriesId: seriesIdOf(u.series), createdAt: now, updatedAt: now }),
      );
    }
    statements.push(
      auditInsert(ctx.db, actor, now, {
        entity: 'unit',
        entityId: key,
        action: found ? 'import_update' : 'import_create',
        after: { ...u },
      }),
    );
  }
  if (errors.length) fail(errors);
  await writeAtomically(ctx.db, statements);
  return { rows: valid.length, created, updated };
}

interface ResolvedEntry extends EntryImport {
  row: number;
  centreId: number;
}

async function resolveEntries(ctx: AppContext, valid: { row: number; value: EntryImport }[]) {
  const errors: ErrorDetail[] = [];
  const resolved: ResolvedEntry[] = [];
  const unitsSeen = new Map<string, boolean>();
  const centreIds = new Map<string, number | undefined>();
  const people = new Map<string, string>();
  const pairs = new Set<string>();
  for (const { row, value: e } of valid) {
    const unitKey = `${e.series}|${e.code}`;
    if (!unitsSeen.has(unitKey)) unitsSeen.set(unitKey, !!(await existingUnit(ctx, e.series, e.code)));
    if (!centreIds.has(e.centre_number)) {
      const c = await ctx.db
        .select({ id: centres.id })
        .from(centres)
        .where(eq(centres.number, e.centre_number))
        .get();
      centreIds.set(e.centre_number, c?.id);
    }
    const centreId = centreIds.get(e.centre_number);
    const person = `${e.candidate_name.surname}:${e.candidate_name.forename}|${e.date_of_birth}`;
    const who = `${e.centre_number}|${e.candidate_number}`;
    const pair = `${unitKey}|${who}`;
    if (!unitsSeen.get(unitKey))
      errors.push({ row, field: 'code', code: 'unknown_unit', params: { code: e.code } });
    if (centreId === undefined) errors.push({ row, field: 'centre_number', code: 'unknown_centre' });
    if (people.has(who) && people.get(who) !== person)
      errors.push({ row, field: 'candidate_number', code: 'candidate_conflict' });
    if (pairs.has(pair)) errors.push({ row, field: 'candidate_number', code: 'duplicate_in_file' });
    people.set(who, person);
    pairs.add(pair);
    if (centreId !== undefined) resolved.push({ ...e, row, centreId });
  }
  return { errors, resolved };
}

function entryStatements(ctx: AppContext, e: ResolvedEntry, now: Date): Statement[] {
  const { surname, forename } = e.candidate_name;
  const unitId = unitIdOf(e.series, e.code);
  const sheetId = sql<number>`(select id from ${marksheets} where unit_id = ${unitId} and centre_id = ${e.centreId})`;
  const candidateId = sql<number>`(select id from ${candidates} where centre_id = ${e.centreId} and number = ${e.candidate_number})`;
  const person = {
    surname,
    forename,
    surnameFolded: fold(surname),
    dateOfBirth: e.date_of_birth,
    updatedAt: now,
  };
  return [
    ctx.db
      .insert(candidates)
      .values({ centreId: e.centreId, number: e.candidate_number, ...person, createdAt: now })
      .onConflictDoUpdate({ target: [candidates.centreId, candidates.number], set: person }),
    ctx.db
      .insert(marksheets)
      .values({ unitId, centreId: e.centreId, createdAt: now, updatedAt: now })
      .onConflictDoNothing(),
    ctx.db
      .insert(entries)
      .values({ marksheetId: sheetId, candidateId, marks: {}, clerical: {}, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [entries.marksheetId, entries.candidateId],
        set: { withdrawnAt: null, updatedAt: now },
      }),
  ];
}

/**
 * An entry the file no longer lists is withdrawn: it leaves the marksheet, unless it has a mark,
 * which stays on it. Only the unit-and-centre pairs the file speaks of are touched.
 */
function withdrawalStatements(ctx: AppContext, list: ResolvedEntry[], now: Date): Statement[] {
  const byPair = new Map<string, { e: ResolvedEntry; numbers: string[] }>();
  for (const e of list) {
    const key = `${e.series}|${e.code}|${e.centreId}`;
    const pair = byPair.get(key) ?? { e, numbers: [] };
    pair.numbers.push(e.candidate_number);
    byPair.set(key, pair);
  }
  return [...byPair.values()].map(({ e, numbers }) =>
    ctx.db
      .update(entries)
      .set({ withdrawnAt: now, updatedAt: now })
      .where(
        and(
          isNull(entries.withdrawnAt),
          sql`${entries.marksheetId} = (select id from ${marksheets} where unit_id = ${unitIdOf(e.series, e.code)} and centre_id = ${e.centreId})`,
          sql`${entries.candidateId} not in (select c.id from ${candidates} c where c.centre_id = ${e.centreId} and c.number in (select value from json_each(${JSON.stringify(numbers)})))`,
        ),
      ),
  );
}

/** `cymorth import entries`: processed entries by unit, centre and candidate; all rows or none. */
export async function importEntries(ctx: AppContext, actor: Actor, csv: string | Uint8Array) {
  const checked = validate(EntryImportRow, csv, ENTRY_COLUMNS);
  const { errors, resolved } = await resolveEntries(ctx, checked.valid);
  errors.push(...checked.errors);
  if (errors.length) fail(errors);
  const now = ctx.clock.now();
  const statements: Statement[] = [
    ...withdrawalStatements(ctx, resolved, now),
    ...resolved.flatMap((e) => entryStatements(ctx, e, now)),
    auditInsert(ctx.db, actor, now, {
      entity: 'entries',
      entityId: 'import',
      action: 'import',
      after: { rows: resolved.length },
    }),
  ];
  await writeAtomically(ctx.db, statements);
  return { rows: resolved.length };
}
