import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/**
 * The Hub's training assessments. The catalogue is seeded by a migration (0002_hub_catalogue), so
 * every database, Node or D1, has the same assessments under the same codes.
 */
export const hubAssessments = sqliteTable(
  'hub_assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    titleEn: text('title_en').notNull(),
    titleCy: text('title_cy').notNull(),
    /** What an `INV` (invigilator) account may see; everyone else sees the whole catalogue. */
    forInvigilators: integer('for_invigilators', { mode: 'boolean' }).notNull(),
    /** A section is passed by an attempt scoring at least this percentage. */
    passMark: integer('pass_mark').notNull(),
    /** The "See Sections" screen: an assessment is passed once every section is. */
    sections: integer('sections').notNull().default(1),
    position: integer('position').notNull(),
  },
  (t) => [
    check('hub_assessments_pass_mark', sql`${t.passMark} between 1 and 100`),
    check('hub_assessments_sections', sql`${t.sections} >= 1`),
  ],
);

/** Assessments a centre admin has hidden from one invigilator account. */
export const hiddenAssessments = sqliteTable(
  'hidden_assessments',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => hubAssessments.id),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.assessmentId] })],
);

export const assessmentAttempts = sqliteTable(
  'assessment_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => hubAssessments.id),
    section: integer('section').notNull().default(1),
    mark: integer('mark').notNull(),
    outOf: integer('out_of').notNull(),
    /** Decided when recorded, so a later change of pass mark does not rewrite history. */
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('assessment_attempts_account_idx').on(t.accountId, t.assessmentId),
    check('assessment_attempts_marks', sql`${t.outOf} >= 1 and ${t.mark} between 0 and ${t.outOf}`),
  ],
);

export type HubAssessmentRow = typeof hubAssessments.$inferSelect;
export type AssessmentAttemptRow = typeof assessmentAttempts.$inferSelect;
