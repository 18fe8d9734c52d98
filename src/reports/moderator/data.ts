import type { UnitRef } from '../candidates/data.js';

export const OUTCOMES = ['accepted', 'adjusted', 'referred'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A total as the centre entered it: a number, `A`, `CF`, or not yet entered. */
export type CentreTotal = number | 'A' | 'CF' | null;

/** Plain data for the moderator's report on one unit at one centre. */
export interface ModeratorReportData {
  unit: UnitRef;
  centre: { number: string; name: string };
  moderator: string | null;
  /** The unit's maximum total mark. */
  max: number;
  /** The moderation sample, in candidate number order. */
  sample: { number: string; name: string; centreMark: CentreTotal; moderatorMark: number | null }[];
  /** A moderator's corrections of the centre's marks, a component at a time. */
  clericalErrors: {
    number: string;
    component: string;
    original: CentreTotal;
    amended: number;
  }[];
  outcome: Outcome | null;
  /** In the moderator's own words and language; paragraphs split by blank lines. */
  comments: string | null;
  producedAt: Date;
}
