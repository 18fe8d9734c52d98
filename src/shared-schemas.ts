import { z } from '@hono/zod-openapi';
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/max';

/** A refinement whose failure message is the translation key `validation:<key>`. */
const check = <T>(ok: (v: T) => boolean, key: string) => [ok, { params: { i18n: key } }] as const;

export const CentreNumber = z
  .string()
  .refine(...check((v: string) => /^\d{5}$/.test(v), 'centre_number'))
  .openapi({ example: '68123' });

export const Email = z.string().trim().max(254).pipe(z.email()).openapi({ example: 'swyddog@ysgol.cymru' });

/** A UK number, stored in the national format people read aloud (`029 2026 5000`). */
export const UkTelephone = z
  .string()
  .trim()
  .max(40)
  .refine(...check((v: string) => isValidPhoneNumber(v, 'GB'), 'telephone'))
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
