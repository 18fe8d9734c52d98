import { DomainError, type ErrorDetail } from '../errors.js';
import { translator } from '../i18n/index.js';
import type { MailLanguage } from '../mail/outbox.js';
import type { RejectionReason } from './rules.js';

export interface Texts {
  cy?: string;
  en?: string;
}

const languagesOf = (mail: MailLanguage): ('cy' | 'en')[] => (mail === 'bilingual' ? ['cy', 'en'] : [mail]);

/**
 * Words staff write to a centre go out only in the languages of its mail: each needed language must
 * be given (a Welsh reply never carries English), and a language the mail is not in is refused rather
 * than silently dropped. Returns the problems, one per field, for one validation error.
 */
export function textProblems(
  field: string,
  mail: MailLanguage,
  texts: Texts,
  required: boolean,
): ErrorDetail[] {
  const needed = languagesOf(mail);
  const given = (['cy', 'en'] as const).filter((l) => texts[l]?.trim());
  if (!required && given.length === 0) return [];
  return [
    ...needed
      .filter((l) => !given.includes(l))
      .map((l) => ({ field: `${field}_${l}`, code: 'required_for_mail_language' })),
    ...given
      .filter((l) => !needed.includes(l))
      .map((l) => ({ field: `${field}_${l}`, code: 'not_in_mail_language' })),
  ];
}

export function assertNoProblems(problems: ErrorDetail[]): void {
  if (problems.length > 0) throw new DomainError('validation_failed', {}, problems);
}

/** Template parameters `<name>_cy`, `<name>_en`: the parts joined by a blank line, missing parts left out. */
export function textParams(name: string, ...parts: Texts[]): Record<string, string> {
  const join = (l: 'cy' | 'en') =>
    parts
      .map((p) => p[l]?.trim())
      .filter(Boolean)
      .join('\n\n');
  return { [`${name}_cy`]: join('cy'), [`${name}_en`]: join('en') };
}

/** A standard rejection reason in both languages. */
export const reasonTexts = (code: RejectionReason): Texts => ({
  cy: translator('cy')(`queue:reasons.${code}`),
  en: translator('en')(`queue:reasons.${code}`),
});

export interface RejectInput {
  reason_code?: RejectionReason;
  reason_cy?: string;
  reason_en?: string;
  notes_cy?: string;
  notes_en?: string;
}

/** The reason in the centre's mail languages: a standard one (with optional notes) or staff's own words. */
export function reasonFor(input: RejectInput, language: MailLanguage) {
  const own = { cy: input.reason_cy, en: input.reason_en };
  const notes = { cy: input.notes_cy, en: input.notes_en };
  if (input.reason_code && (own.cy || own.en))
    throw new DomainError('validation_failed', {}, [{ field: 'reason_code', code: 'reason_code_or_text' }]);
  assertNoProblems([
    ...(input.reason_code ? [] : textProblems('reason', language, own, true)),
    ...textProblems('notes', language, notes, false),
  ]);
  return textParams('reason', input.reason_code ? reasonTexts(input.reason_code) : own, notes);
}

/** The reason as the request keeps it: in the mail's language, Welsh first when it is both. */
export const decisionReason = (reasons: Record<string, string>, language: MailLanguage) =>
  language === 'cy' ? (reasons.reason_cy ?? '') : `${reasons.reason_cy} / ${reasons.reason_en}`;
