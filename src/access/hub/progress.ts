import type { AssessmentAttemptRow, HubAssessmentRow } from '../../db/schema/index.js';

export const PROGRESS_STATUSES = ['not_started', 'in_progress', 'passed'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

type Score = { mark: number; out_of: number };

/** Integer arithmetic, so 4/5 at an 80% pass mark passes exactly rather than by floating luck. */
export const passes = (mark: number, outOf: number, passMark: number) => mark * 100 >= passMark * outOf;

/** Higher percentage wins; on a tie the earlier attempt stands. */
function better(a: Score, b: Score | null): boolean {
  return !b || a.mark * b.out_of > b.mark * a.out_of;
}

function statusOf(attempts: readonly { passed: boolean }[], passed: boolean): ProgressStatus {
  if (passed) return 'passed';
  return attempts.length ? 'in_progress' : 'not_started';
}

function presentAttempt(a: AssessmentAttemptRow) {
  return {
    id: a.id,
    mark: a.mark,
    out_of: a.outOf,
    passed: a.passed,
    at: a.at.toISOString(),
  };
}

/**
 * One assessment as seed 003's "Info" row (status, sections passed of all) with its "See Sections"
 * detail (each section's best mark, failed attempts and every attempt). `attempts` are this account's
 * attempts at this assessment, oldest first.
 */
export function assessmentProgress(a: HubAssessmentRow, attempts: readonly AssessmentAttemptRow[]) {
  const sections = Array.from({ length: a.sections }, (_, i) => {
    const own = attempts.filter((t) => t.section === i + 1);
    let best: Score | null = null;
    for (const t of own) {
      const score = { mark: t.mark, out_of: t.outOf };
      if (better(score, best)) best = score;
    }
    const passed = own.some((t) => t.passed);
    return {
      section: i + 1,
      status: statusOf(own, passed),
      best_result: best,
      failed_attempts: own.filter((t) => !t.passed).length,
      attempts: own.map(presentAttempt),
    };
  });
  const sectionsPassed = sections.filter((s) => s.status === 'passed').length;
  const attempted = sections.flatMap((s) => (s.best_result ? [s.best_result] : []));
  const last = attempts.at(-1);
  return {
    status: statusOf(attempts, sectionsPassed === a.sections),
    sections_passed: sectionsPassed,
    section_count: a.sections,
    best_result: attempted.length
      ? {
          mark: attempted.reduce((n, s) => n + s.mark, 0),
          out_of: attempted.reduce((n, s) => n + s.out_of, 0),
        }
      : null,
    failed_attempts: attempts.filter((t) => !t.passed).length,
    last_attempt_at: last ? last.at.toISOString() : null,
    sections,
  };
}

/**
 * When the assessment was passed: the moment its last section first passed, or null while any
 * section has not. A later, better attempt improves the result, never the date.
 */
export function passedAt(a: HubAssessmentRow, attempts: readonly AssessmentAttemptRow[]): Date | null {
  let latest: Date | null = null;
  for (let section = 1; section <= a.sections; section++) {
    const first = attempts.find((t) => t.section === section && t.passed);
    if (!first) return null;
    if (!latest || first.at > latest) latest = first.at;
  }
  return latest;
}
