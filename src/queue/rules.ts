/** SPEC 2.3 / seed 000: what an Exams Officer change request must give. */
export const REQUIRED_FIELDS = [
  'new_eo_name',
  'new_eo_email',
  'centre_name',
  'centre_number',
  'signatory',
] as const;
export type RequestFieldName = (typeof REQUIRED_FIELDS)[number];

/** What staff can ask a centre for: the fields, and the signed letterhead itself. */
export const REQUESTABLE_ITEMS = [...REQUIRED_FIELDS, 'letterhead'] as const;
export type RequestableItem = (typeof REQUESTABLE_ITEMS)[number];

const BOOLEAN_CHECKS = [
  'letterhead',
  'signatory_matches',
  'centre_name_matches',
  'sender_domain_known',
  'new_email_unused',
] as const;

/** The manual check SPEC 2.3 requires before any approval. */
export const CALLBACK_CHECK = 'callback_registered_telephone';

/** The checks staff record by hand: a closed list, so a misspelt name cannot be recorded as nothing. */
export const MANUAL_CHECKS = [
  CALLBACK_CHECK,
  'letterhead_inspected',
  'signature_compared',
  'new_eo_confirmed',
] as const;
export type ManualCheckName = (typeof MANUAL_CHECKS)[number];

/** Fields staff may correct or add: the required ones, and the new EO's telephone for the centre record. */
export const CORRECTABLE_FIELDS = [...REQUIRED_FIELDS, 'new_eo_telephone'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** Standard reasons for turning a request down, each worded in both languages in `queue:reasons`. */
export const REJECTION_REASONS = [
  'not_on_letterhead',
  'signatory_not_senior',
  'callback_not_confirmed',
  'centre_details_mismatch',
  'new_eo_email_in_use',
  'not_requested_by_centre',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * References as people type or read them aloud: any case, stray spaces, the dashes left out or
 * spoken as spaces (`eo 2026 42`). Anything not shaped like a reference is returned as typed, upper-cased.
 */
export function normaliseReference(typed: string): string {
  const compact = typed.trim().toUpperCase();
  const m = compact.match(/^([A-Z]{2})[\s-]*(\d{4})[\s-]*(\d{1,5})$/);
  if (!m) return compact.replace(/\s+/g, '');
  const [, series, year, number] = m as unknown as [string, string, string, string];
  return `${series}-${year}-${number.padStart(5, '0')}`;
}

/**
 * The automatic checks that did not pass. A check intake did not record counts as not passed, and so
 * does authentication `none` (no trusted Authentication-Results): unproven is not passed. A request
 * intake flagged (a stranger quoted another request's reference) counts as failing too.
 */
export function failedChecks(r: { checks: Record<string, unknown>; flagged: string | null }): string[] {
  const failed: string[] = BOOLEAN_CHECKS.filter((name) => r.checks[name] !== true);
  if (r.checks.authentication !== 'pass') failed.push('authentication');
  if (r.flagged) failed.push('flagged');
  return failed;
}
