import type { Language } from '../../i18n/index.js';

/** A component's mark as entered: a number, `A` (absent) or `CF` (carried forward), or nothing yet. */
export type EnteredMark = number | 'A' | 'CF' | null;

export interface ComponentMark {
  entered: EnteredMark;
  /** A moderator's clerical amendment, which overrides the entered mark. */
  amended?: number | null;
}

export interface UnitRef {
  code: string;
  /** The series as printed: "GCSE NOVEMBER 2023" / "TGAU TACHWEDD 2023". */
  series: Record<Language, string>;
  title: Record<Language, string>;
}

/** Plain data for seed 001's "Candidate details report": what the marks feature hands the report. */
export interface CandidatesReportData {
  unit: UnitRef;
  centre: { number: string; name: string };
  components: { code: string; max: number }[];
  /** In candidate number order. */
  candidates: {
    number: string;
    name: string;
    /** ISO date, `2008-03-14`. */
    dateOfBirth: string | null;
    marks: ComponentMark[];
    teacherInitials: string | null;
    sample: boolean;
  }[];
  producedAt: Date;
}
