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
