import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns.js';

export const centres = sqliteTable('centres', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  number: text('number').notNull().unique(),
  name: text('name').notNull(),
  /** Lower-case, accent-free copy of the name, so `gwyr` finds `Gŵyr` with a plain LIKE. */
  nameFolded: text('name_folded').notNull(),
  address: text('address').notNull(),
  telephone: text('telephone').notNull(),
  language: text('language', { enum: ['en', 'cy'] }).notNull(),
  ukprn: text('ukprn'),
  urn: text('urn'),
  generalEmail: text('general_email'),
  postResultsEmail: text('post_results_email'),
  headName: text('head_name').notNull(),
  headEmail: text('head_email').notNull(),
  eoName: text('eo_name').notNull(),
  eoEmail: text('eo_email').notNull(),
  eoTelephone: text('eo_telephone').notNull(),
  ...timestamps,
});

export type CentreRow = typeof centres.$inferSelect;
