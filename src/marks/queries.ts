import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import {
  accounts,
  candidates,
  centres,
  entries,
  entryFiles,
  markAmendments,
  marksheets,
  requests,
  sampleMembers,
  series,
  units,
} from '../db/schema/index.js';

/** A marksheet (a unit at a centre) with its unit and series. */
export function findSheet(db: Db, unitId: number, centreId: number) {
  return db
    .select({ sheet: marksheets, unit: units, series: series.name })
    .from(marksheets)
    .innerJoin(units, eq(units.id, marksheets.unitId))
    .innerJoin(series, eq(series.id, units.seriesId))
    .where(and(eq(marksheets.unitId, unitId), eq(marksheets.centreId, centreId)))
    .get();
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
export const visibleSql = (): SQL => sql`(${entries.withdrawnAt} is null or ${entries.marks} <> '{}')`;

/** An entry's sample membership, unless it was replaced. */
export const activeSampleMember = (): SQL | undefined =>
  and(eq(sampleMembers.entryId, entries.id), isNull(sampleMembers.replacedAt));

/**
 * The rows a marksheet shows: processed entries, and withdrawn ones only while they carry a mark
 * (a mark once given is not silently lost). Each with its active sample membership, if any.
 * Prepared once per database: every save and every page of a sheet runs it.
 */
const rowsOfSheet = preparedPerDb((db) =>
  db
    .select({
      entry: entries,
      candidate: candidates,
      sampleReason: sampleMembers.reason,
      moderatorMarks: sampleMembers.moderatorMarks,
    })
    .from(entries)
    .innerJoin(candidates, eq(candidates.id, entries.candidateId))
    .leftJoin(sampleMembers, activeSampleMember())
    .where(and(eq(entries.marksheetId, sql.placeholder('sheet')), visibleSql()))
    .orderBy(asc(candidates.number))
    .prepare(),
);

export function visibleRows(db: Db, marksheetId: number) {
  return rowsOfSheet(db).all({ sheet: marksheetId });
}

export type SheetRow = Awaited<ReturnType<typeof visibleRows>>[number];

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
