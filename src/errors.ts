/**
 * The closed list of error codes the API can answer with. The code is a stable English identifier;
 * the message is translated from it (locales/xx/errors.json) at the edge, in the response language.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  malformed_form: 400,
  malformed_request: 400,
  request_timeout: 408,
  headers_too_large: 431,
  unauthorized: 401,
  signature_invalid: 401,
  forbidden: 403,
  own_email_change: 403,
  route_not_found: 404,
  centre_not_found: 404,
  account_not_found: 404,
  token_not_found: 404,
  method_not_allowed: 405,
  centre_exists: 409,
  email_in_use: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  import_failed: 422,
  assessment_not_found: 404,
  assessment_not_available: 409,
  hide_needs_invigilator: 409,
  request_not_found: 404,
  attachment_not_found: 404,
  message_not_found: 404,
  message_not_set_aside: 409,
  request_claimed: 409,
  not_claimed: 409,
  request_closed: 409,
  request_incomplete: 409,
  callback_required: 409,
  same_approver: 409,
  request_changed: 409,
  centre_admin_only: 403,
  self_grant: 403,
  grant_not_held: 403,
  grants_implied: 422,
  eo_account_fixed: 409,
  delete_not_confirmed: 422,
  invite_expired: 410,
  invite_used: 410,
  invite_not_pending: 409,
  account_not_active: 409,
  bulk_rejected: 422,
  bulk_unreadable: 422,
  bulk_unsupported_file: 415,
  sign_in_failed: 401,
  second_factor_wrong: 401,
  csrf_failed: 403,
  sign_in_throttled: 429,
  not_available_here: 501,
  assessment_not_passed: 409,
  reports_not_available: 501,
  unit_not_found: 404,
  candidate_not_found: 404,
  file_not_found: 404,
  marks_locked: 409,
  version_conflict: 409,
  marks_incomplete: 422,
  candidates_not_informed: 422,
  not_submitted: 409,
  sample_not_removable: 409,
  already_in_sample: 409,
  not_in_sample: 409,
  no_mark_for_sample: 409,
  no_replacement: 409,
  uploads_not_used: 409,
  upload_window_closed: 409,
  file_too_large: 413,
  not_a_moderator: 422,
  amendment_unchanged: 422,
  report_not_yet: 409,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  field?: string;
  row?: number;
  code: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Thrown by services; never carries HTTP concerns beyond its code. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details: ErrorDetail[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
