/** The one shape a message's outcome has, printed by `cymorth ingest` and returned by `ingest`. */
export const FIELD_NAMES = [
  'new_eo_title',
  'new_eo_name',
  'new_eo_email',
  'centre_name',
  'centre_number',
  'signatory',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export const SET_ASIDE_REASONS = [
  'auto_reply',
  'bulk',
  'bounce',
  'spam',
  'not_eo_change',
  'unparseable',
  'too_large',
] as const;
export type SetAsideReason = (typeof SET_ASIDE_REASONS)[number];

type Outcome = 'created' | 'joined' | 'duplicate' | 'set_aside';
export type Authentication = 'pass' | 'fail' | 'none';

export type Checks = {
  letterhead: boolean;
  signatory_matches: boolean;
  centre_name_matches: boolean;
  sender_domain_known: boolean;
  new_email_unused: boolean;
  authentication: Authentication;
};

export interface IngestResult {
  message_id: string;
  outcome: Outcome;
  /** Why a message was set aside (or, for `duplicate`, which key matched: `message_id`/`mailbox_key`). */
  reason: string | null;
  reference: string | null;
  status: string | null;
  language: 'cy' | 'en';
  fields: Record<FieldName, string | null>;
  letterhead: boolean;
  missing: string[];
  checks: Checks;
  reply: { to: string; language: 'cy' | 'en' | 'bilingual'; subject: string } | null;
}

export interface IngestOrigin {
  /** `uidvalidity:uid` from IMAP; the drop folder and the CLI leave it out (then `file:<sha256>`). */
  mailboxKey?: string;
}

export const emptyFields = (): Record<FieldName, string | null> => ({
  new_eo_title: null,
  new_eo_name: null,
  new_eo_email: null,
  centre_name: null,
  centre_number: null,
  signatory: null,
});

export const noChecks = (): Checks => ({
  letterhead: false,
  signatory_matches: false,
  centre_name_matches: false,
  sender_domain_known: false,
  new_email_unused: false,
  authentication: 'none',
});
