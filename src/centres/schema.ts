import { z } from '@hono/zod-openapi';
import { CentreNumber, Email, LanguageField, Text, Ukprn, UkTelephone, Urn } from '../shared-schemas.js';

/** The fields a centre's EO or Admin (or staff) may edit; the number itself never changes. */
export const EDITABLE_CENTRE_FIELDS = [
  'name',
  'address',
  'telephone',
  'language',
  'ukprn',
  'urn',
  'general_email',
  'post_results_email',
  'head_name',
  'head_email',
  'eo_name',
  'eo_email',
  'eo_telephone',
] as const;

const centreFields = {
  name: Text(200).openapi({ example: 'Ysgol Gyfun Gŵyr' }),
  address: Text(500).openapi({ example: 'Heol y Ysgol, Tregŵyr, Abertawe SA4 3AA' }),
  telephone: UkTelephone,
  language: LanguageField,
  ukprn: Ukprn.nullable(),
  urn: Urn.nullable(),
  general_email: Email.nullable(),
  post_results_email: Email.nullable(),
  head_name: Text(200).openapi({ example: 'Dr Eleri Morgan' }),
  head_email: Email,
  eo_name: Text(200).openapi({ example: 'Mrs Joanne Price' }),
  eo_email: Email,
  eo_telephone: UkTelephone,
};

export const CreateCentreBody = z
  .strictObject({
    number: CentreNumber,
    ...centreFields,
    ukprn: centreFields.ukprn.optional(),
    urn: centreFields.urn.optional(),
    general_email: centreFields.general_email.optional(),
    post_results_email: centreFields.post_results_email.optional(),
  })
  .openapi('CreateCentre');

export const PatchCentreBody = z
  .strictObject({
    ...(Object.fromEntries(Object.entries(centreFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof centreFields]: z.ZodOptional<(typeof centreFields)[K]>;
    }),
    // Named so that sending it says "cannot be changed" rather than "not recognised".
    number: z
      .unknown()
      .optional()
      .refine((v) => v === undefined, { params: { i18n: 'read_only' } })
      .openapi({ description: 'Read-only: a centre keeps its number for ever', type: 'string' }),
  })
  // Only when every field is sound: an unknown field alone is reported as that, not also as "empty".
  .refine((v) => Object.keys(v).length > 0, {
    params: { i18n: 'empty_patch' },
    when: (p) => !p.issues.length,
  })
  .openapi('PatchCentre');

export type CreateCentreInput = z.infer<typeof CreateCentreBody>;
export type PatchCentreInput = z.infer<typeof PatchCentreBody>;

export const CentreSchema = z
  .object({
    number: z.string().openapi({ example: '68123' }),
    name: z.string(),
    address: z.string(),
    telephone: z.string(),
    language: z.enum(['en', 'cy']),
    ukprn: z.string().nullable(),
    urn: z.string().nullable(),
    general_email: z.string().nullable(),
    general_email_effective: z.string().openapi({ description: 'general_email, or the EO email when unset' }),
    post_results_email: z.string().nullable(),
    post_results_email_effective: z
      .string()
      .openapi({ description: 'post_results_email, or the EO email when unset' }),
    head_name: z.string(),
    head_email: z.string(),
    eo_name: z.string(),
    eo_email: z.string(),
    eo_telephone: z.string(),
    updated_at: z.string().openapi({ example: '2026-11-23T09:00:00.000Z' }),
    editable_fields: z.array(z.enum(EDITABLE_CENTRE_FIELDS)),
    to_complete: z.array(z.enum(['eo_telephone'])).openapi({
      description:
        'Details the centre still has to give, e.g. the new Exams Officer’s telephone after a change of EO',
    }),
  })
  .openapi('Centre');

export const CentreSummarySchema = CentreSchema.pick({
  number: true,
  name: true,
  language: true,
  telephone: true,
}).openapi('CentreSummary');

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    entity: z.string(),
    entity_id: z.string(),
    action: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

export const CentreParams = z.object({
  number: z.string().openapi({ param: { name: 'number', in: 'path' }, example: '68123' }),
});
