import { z } from '@hono/zod-openapi';
import { parsePhoneNumberFromString, parsePhoneNumberWithError } from 'libphonenumber-js/max';

/** A refinement whose failure message is the translation key `validation:<key>`. */
const check = <T>(ok: (v: T) => boolean, key: string) => [ok, { params: { i18n: key } }] as const;

export const CentreNumber = z
  .string()
  .refine(...check((v: string) => /^\d{5}$/.test(v), 'centre_number'))
  .openapi({ example: '68123' });

export const Email = z.string().trim().max(254).pipe(z.email()).openapi({ example: 'swyddog@ysgol.cymru' });

/**
 * A UK number (+44: Great Britain, Northern Ireland and the Crown Dependencies), stored in the
 * national format people read aloud (`029 2026 5000`). The GB default only applies to numbers
 * written without a country code, so a valid foreign `+33 …` number must be refused explicitly.
 */
const isUkNumber = (v: string) => {
  const n = parsePhoneNumberFromString(v, 'GB');
  return n !== undefined && n.countryCallingCode === '44' && n.isValid();
};

export const UkTelephone = z
  .string()
  .trim()
  .max(40)
  .refine(...check(isUkNumber, 'telephone'))
  .transform((v) => parsePhoneNumberWithError(v, 'GB').formatNational())
  .openapi({ example: '029 2026 5000' });

export const Ukprn = z
  .string()
  .refine(...check((v: string) => /^\d{8}$/.test(v), 'ukprn'))
  .openapi({ example: '10001234' });

export const Urn = z
  .string()
  .refine(...check((v: string) => /^\d{6}$/.test(v), 'urn'))
  .openapi({ example: '401234' });

export const LanguageField = z.enum(['en', 'cy']).openapi({ example: 'cy' });

export const Text = (max: number) => z.string().trim().min(1).max(max);
