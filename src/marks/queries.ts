import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import {
  accounts,
  candidates,
  centres,
  entries,
  entryFiles,
  type MarkCells,
  markAmendments,
  marksheets,
  requestEvents,
  requests,
  type SampleReason,
  sampleMembers,
  series,
  units,
} from '../db/schema/index.js';
import { compareNumbers } from './rules.js';

/** Every marks route starts here, so it is built once per database. */
const sheetOfUnit = preparedPerDb((db) =>
  db
    .select({ sheet: marksheets, unit: units, series: series.name })
    .from(marksheets)
    .innerJoin(units, eq(units.id, marksheets.unitId))
    .innerJoin(series, eq(series.id, units.seriesId))
    .where(
      and(eq(marksheets.unitId, sql.placeholder('unit')), eq(marksheets.centreId, sql.placeholder('centre'))),
    )
    .prepare(),
);

/** A marksheet (a unit at a centre) with its unit and series. */
export function findSheet(db: Db, unitId: number, centreId: number) {
  return sheetOfUnit(db).get({ unit: unitId, centre: centreId });
}

export type SheetWithUnit = NonNullable<Awaited<ReturnType<typeof findSheet>>>;

/** Every marksheet of a centre, in series and code order. */
export function sheetsOfCentre(db: Db, centreId: number) {
  return db
    .select({ sheet: marksheets, unit: units, series: series.name })
    .from(marksheets)
    .innerJoin(units, eq(units.id, marksheets.unitId))
    .innerJoin(series, eq(series.id, units.seriesId))
    .where(eq(marksheets.centreId, centreId))
    .orderBy(asc(series.name), asc(units.code));
}

/** Withdrawn entries stay visible while they carry a mark. */
const visibleSql = (): SQL => sql`(${entries.withdrawnAt} is null or ${entries.marks} <> '{}')`;

/** One marksheet row as the marks feature reads it. */
export interface SheetRow {
  entry: {
    id: number;
    marks: MarkCells;
    initials: string | null;
    clerical: Record<string, number>;
    version: number;
  };
  candidate: {
    number: string;
    surname: string;
    forename: string;
    surnameFolded: string;
    dateOfBirth: string;
  };
  sampleReason: SampleReason | null;
  moderatorMarks: Record<string, number> | null;
}

/** A row as SQLite's json_array packs it below: the same fields, in this order. */
type PackedRow = [
  number,
  MarkCells,
  string | null,
  Record<string, number>,
  number,
  string,
  string,
  string,
  string,
  string,
  SampleReason | null,
  Record<string, number> | null,
];

/**
 * The rows a marksheet shows: processed entries, and withdrawn ones only while they carry a mark
 * (a mark once given is not silently lost). Each with its active sample membership, if any.
 *
 * Every save, submission, report and page of a sheet reads this, so it is read as one JSON value:
 * libSQL hands each column of each row across to JavaScript on its own, and drizzle then maps each
 * again, which made a 1,000-row sheet cost about 5 ms; packed by SQLite and parsed once, about 1 ms.
 * Ordered here rather than in SQL, because an ORDER BY inside an aggregate needs SQLite 3.44.
 */
function packedRows(db: Db, oneCandidate: boolean) {
  return db
    .select({
      rows: sql<string>`json_group_array(json_array(${entries.id}, json(${entries.marks}), ${entries.initials},
        json(${entries.clerical}), ${entries.version}, ${candidates.number}, ${candidates.surname},
        ${candidates.forename}, ${candidates.surnameFolded}, ${candidates.dateOfBirth}, ${sampleMembers.reason},
        json(${sampleMembers.moderatorMarks})))`,
    })
    .from(entries)
    .innerJoin(candidates, eq(candidates.id, entries.candidateId))
    .leftJoin(sampleMembers, and(eq(sampleMembers.entryId, entries.id), isNull(sampleMembers.replacedAt)))
    .where(
      and(
        eq(entries.marksheetId, sql.placeholder('sheet')),
        visibleSql(),
        oneCandidate ? eq(candidates.number, sql.placeholder('candidate')) : undefined,
      ),
    )
    .prepare();
}

const packedRowsOfSheet = preparedPerDb((db) => packedRows(db, false));
const packedRowOfCandidate = preparedPerDb((db) => packedRows(db, true));

const unpack = (r: PackedRow): SheetRow => ({
  entry: { id: r[0], marks: r[1], initials: r[2], clerical: r[3], version: r[4] },
  candidate: { number: r[5], surname: r[6], forename: r[7], surnameFolded: r[8], dateOfBirth: r[9] },
  sampleReason: r[10],
  moderatorMarks: r[11],
});

const byCandidate = (a: SheetRow, b: SheetRow) => compareNumbers(a.candidate.number, b.candidate.number);

const unpacked = (packed: { rows: string } | undefined) =>
  (JSON.parse(packed?.rows ?? '[]') as PackedRow[]).map(unpack);

export async function visibleRows(db: Db, marksheetId: number): Promise<SheetRow[]> {
  return unpacked(await packedRowsOfSheet(db).get({ sheet: marksheetId })).sort(byCandidate);
}

/** One candidate's row of the sheet, read alone: the routes about one candidate need no more. */
export async function visibleRow(
  db: Db,
  marksheetId: number,
  candidate: string,
): Promise<SheetRow | undefined> {
  return unpacked(await packedRowOfCandidate(db).get({ sheet: marksheetId, candidate }))[0];
}

/** Every sample membership of a sheet, replaced ones included, with the candidate's number. */
export function sampleOf(db: Db, marksheetId: number) {
  return db
    .select({ member: sampleMembers, candidateNumber: candidates.number })
    .from(sampleMembers)
    .innerJoin(entries, eq(entries.id, sampleMembers.entryId))
    .innerJoin(candidates, eq(candidates.id, entries.candidateId))
    .where(eq(sampleMembers.marksheetId, marksheetId))
    .orderBy(asc(sampleMembers.id));
}

export function findAccountById(db: Db, id: number) {
  return db.select().from(accounts).where(eq(accounts.id, id)).get();
}

export function filesOf(db: Db, entryId: number) {
  return db
    .select()
    .from(entryFiles)
    .where(and(eq(entryFiles.entryId, entryId), isNull(entryFiles.deletedAt)))
    .orderBy(asc(entryFiles.id));
}

export function moderatedBy(db: Db, moderatorId: number) {
  return db
    .select({ sheet: marksheets, unit: units, series: series.name, centreNumber: centres.number })
    .from(marksheets)
    .innerJoin(units, eq(units.id, marksheets.unitId))
    .innerJoin(series, eq(series.id, units.seriesId))
    .innerJoin(centres, eq(centres.id, marksheets.centreId))
    .where(eq(marksheets.moderatorId, moderatorId))
    .orderBy(asc(series.name), asc(units.code), asc(centres.number));
}

export function amendmentsOf(db: Db, marksheetId: number) {
  return db
    .select({
      amendment: markAmendments,
      reference: requests.reference,
      status: requests.status,
      decisionReason: requests.decisionReason,
      candidateNumber: candidates.number,
    })
    .from(markAmendments)
    .innerJoin(requests, eq(requests.id, markAmendments.requestId))
    .innerJoin(entries, eq(entries.id, markAmendments.entryId))
    .innerJoin(candidates, eq(candidates.id, entries.candidateId))
    .where(eq(entries.marksheetId, marksheetId))
    .orderBy(desc(requests.id));
}

/** An amendment with what its decision mail names: the unit, the candidate, the centre and who asked. */
export function amendmentForMail(db: Db, requestId: number) {
  return db
    .select({
      amendment: markAmendments,
      candidate: { number: candidates.number, surname: candidates.surname, forename: candidates.forename },
      unit: { code: units.code, title: units.title, titleCy: units.titleCy, components: units.components },
      series: series.name,
      centre: {
        name: centres.name,
        number: centres.number,
        eoName: centres.eoName,
        eoEmail: centres.eoEmail,
      },
      asker: { email: accounts.email, firstName: accounts.firstName, status: accounts.status },
    })
    .from(markAmendments)
    .innerJoin(entries, eq(entries.id, markAmendments.entryId))
    .innerJoin(candidates, eq(candidates.id, entries.candidateId))
    .innerJoin(marksheets, eq(marksheets.id, entries.marksheetId))
    .innerJoin(units, eq(units.id, marksheets.unitId))
    .innerJoin(series, eq(series.id, units.seriesId))
    .innerJoin(centres, eq(centres.id, marksheets.centreId))
    .leftJoin(
      requestEvents,
      and(eq(requestEvents.requestId, markAmendments.requestId), eq(requestEvents.type, 'created')),
    )
    .leftJoin(accounts, eq(accounts.id, requestEvents.actorId))
    .where(eq(markAmendments.requestId, requestId))
    .get();
}
