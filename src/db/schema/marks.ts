import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { centres } from './centres.js';
import { timestamps } from './columns.js';
import { requests } from './requests.js';

/** A mark cell: 0..max, `A` (absent) or `CF` (carried forward); a key missing means not yet entered. */
export type MarkValue = number | 'A' | 'CF';
export type MarkCells = Record<string, MarkValue>;
export interface UnitComponent {
  key: string;
  label: string;
  max: number;
}

/** An examination series as people write it, e.g. `GCSE NOVEMBER 2026`. */
export const series = sqliteTable('series', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
});

/** A unit (paper) of a series, with its components and the dates that govern its marks. */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id')
      .notNull()
      .references(() => series.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    titleCy: text('title_cy').notNull(),
    components: text('components', { mode: 'json' }).$type<UnitComponent[]>().notNull(),
    teacherInitials: integer('teacher_initials', { mode: 'boolean' }).notNull(),
    uploads: integer('uploads', { mode: 'boolean' }).notNull(),
    /** Calendar dates (`YYYY-MM-DD`), compared with the date in Europe/London. */
    sampleDeadline: text('sample_deadline').notNull(),
    submissionDeadline: text('submission_deadline').notNull(),
    resultsDay: text('results_day').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('units_series_code_unique').on(t.seriesId, t.code)],
);

/** A candidate of a centre: number (4 digits), `SURNAME:FORENAME`, date of birth. */
export const candidates = sqliteTable(
  'candidates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    number: text('number').notNull(),
    surname: text('surname').notNull(),
    forename: text('forename').notNull(),
    /** Surname without case or accents, for the marksheet's search. */
    surnameFolded: text('surname_folded').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('candidates_centre_number_unique').on(t.centreId, t.number)],
);

/**
 * One unit at one centre: its submission, moderator and moderator report. Made when the first entry
 * for the pair is imported.
 */
export const marksheets = sqliteTable(
  'marksheets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    submittedBy: integer('submitted_by').references(() => accounts.id),
    /** The sample table's version the sample was drawn under. */
    sampleRule: text('sample_rule'),
    moderatorId: integer('moderator_id').references(() => accounts.id),
    reportOutcome: text('report_outcome', { enum: ['accepted', 'adjusted', 'referred'] }),
    reportComments: text('report_comments'),
    reportUpdatedAt: integer('report_updated_at', { mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('marksheets_unit_centre_unique').on(t.unitId, t.centreId),
    index('marksheets_moderator_idx').on(t.moderatorId),
  ],
);

/**
 * A processed entry: one candidate on one marksheet, with the marks entered. `version` rises with
 * every save, so two people saving the same row from the same version cannot both win.
 */
export const entries = sqliteTable(
  'entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    marksheetId: integer('marksheet_id')
      .notNull()
      .references(() => marksheets.id),
    candidateId: integer('candidate_id')
      .notNull()
      .references(() => candidates.id),
    marks: text('marks', { mode: 'json' }).$type<MarkCells>().notNull(),
    initials: text('initials'),
    /** Moderators' clerical corrections: they override `marks` in every total, list and report. */
    clerical: text('clerical', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    version: integer('version').notNull().default(1),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('entries_sheet_candidate_unique').on(t.marksheetId, t.candidateId)],
);

export const SAMPLE_REASONS = ['system', 'centre', 'replacement'] as const;
export type SampleReason = (typeof SAMPLE_REASONS)[number];

/** The moderation sample; a replaced member stays on record with why and by whom it was replaced. */
export const sampleMembers = sqliteTable(
  'sample_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    marksheetId: integer('marksheet_id')
      .notNull()
      .references(() => marksheets.id),
    entryId: integer('entry_id')
      .notNull()
      .references(() => entries.id),
    reason: text('reason', { enum: SAMPLE_REASONS }).notNull(),
    replacesEntryId: integer('replaces_entry_id').references(() => entries.id),
    replacedAt: integer('replaced_at', { mode: 'timestamp_ms' }),
    replacedReason: text('replaced_reason', { enum: ['lost', 'incomplete'] }),
    moderatorMarks: text('moderator_marks', { mode: 'json' }).$type<Record<string, number>>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('sample_members_entry_unique').on(t.entryId),
    index('sample_members_sheet_idx').on(t.marksheetId),
  ],
);

/** Evidence uploaded for a sample candidate, content-addressed under DATA_DIR (or R2). */
export const entryFiles = sqliteTable(
  'entry_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => entries.id),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: integer('uploaded_by').references(() => accounts.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('entry_files_entry_idx').on(t.entryId).where(sql`${t.deletedAt} is null`)],
);

/** A request to change a submitted mark; it is worked on the verification queue (`MA-2026-00001`). */
export const markAmendments = sqliteTable('mark_amendments', {
  requestId: integer('request_id')
    .primaryKey()
    .references(() => requests.id),
  entryId: integer('entry_id')
    .notNull()
    .references(() => entries.id),
  component: text('component').notNull(),
  /** The mark when the request was made, kept after approval changes it. */
  originalMark: text('original_mark', { mode: 'json' }).$type<MarkValue | null>(),
  requestedMark: text('requested_mark', { mode: 'json' }).$type<MarkValue>().notNull(),
  reason: text('reason').notNull(),
  appliedAt: integer('applied_at', { mode: 'timestamp_ms' }),
});

export type UnitRow = typeof units.$inferSelect;
export type MarksheetRow = typeof marksheets.$inferSelect;
export type EntryRow = typeof entries.$inferSelect;
export type CandidateRow = typeof candidates.$inferSelect;
export type SampleMemberRow = typeof sampleMembers.$inferSelect;
