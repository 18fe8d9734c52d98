import { z } from '@hono/zod-openapi';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../db/schema/index.js';
import { LangQuery, PaginationQuery } from '../http/openapi.js';
import { CentreNumber, Email, Text, UkTelephone } from '../shared-schemas.js';
import { MANUAL_CHECKS, REJECTION_REASONS, REQUESTABLE_ITEMS } from './rules.js';

const Reference = z.string().max(40).openapi({
  description: 'Any case; spaces for the dashes are fine (`eo 2026 42`)',
  example: 'EO-2026-00042',
});

export const RequestParams = z.object({
  ref: Reference.openapi({ param: { name: 'ref', in: 'path' } }),
});

export const AttachmentParams = RequestParams.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 7 }),
});

export const ListQuery = PaginationQuery.extend(LangQuery.shape).extend({
  status: z
    .enum([...REQUEST_STATUSES, 'open', 'all'])
    .optional()
    .openapi({
      description: '`open` (the default) is incomplete, awaiting and in verification',
      example: 'open',
    }),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Only open requests past (true) or within (false) their 48 hours' }),
  assignee: z.enum(['me', 'none']).optional().openapi({ description: 'Claimed by the caller, or by nobody' }),
  type: z.enum(REQUEST_TYPES).optional(),
});

const Person = z.object({ id: z.number().int(), name: z.string() }).nullable();
const Approval = z.object({ id: z.number().int(), name: z.string(), at: z.string() }).nullable();
const Clock = {
  first_message_at: z.string().openapi({ example: '2026-11-23T09:00:00.000Z' }),
  due_at: z.string().openapi({ example: '2026-11-25T09:00:00.000Z' }),
  time_left_seconds: z.number().int().openapi({ description: 'Negative once overdue', example: 86400 }),
  overdue: z.boolean(),
};

export const RequestSummarySchema = z
  .object({
    reference: z.string().openapi({ example: 'EO-2026-00042' }),
    type: z.enum(REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    language: z.enum(['en', 'cy']),
    centre_number: z.string().nullable(),
    centre_name: z.string().nullable(),
    ...Clock,
    assignee: Person,
    missing: z.array(z.string()),
    flagged: z.string().nullable(),
  })
  .openapi('RequestSummary');

const At = z.string();
export const RequestDetailSchema = z
  .object({
    reference: z.string(),
    type: z.enum(REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    language: z.enum(['en', 'cy']),
    flagged: z.string().nullable(),
    decision_reason: z.string().nullable(),
    ...Clock,
    assignee: Person,
    centre: z
      .object({
        number: z.string(),
        name: z.string(),
        language: z.enum(['en', 'cy']),
        registered_telephone: z.string().openapi({ example: '029 2018 0101' }),
        head_name: z.string(),
        eo_name: z.string(),
        eo_email: z.string(),
      })
      .nullable(),
    fields: z.array(
      z.object({
        name: z.string().openapi({ example: 'new_eo_email' }),
        value: z.string().nullable(),
        source: z.string().nullable().openapi({ example: 'body_line' }),
        history: z.array(
          z.object({
            value: z.string(),
            source: z.string(),
            at: At,
            by: z.string().nullable(),
            current: z.boolean(),
          }),
        ),
      }),
    ),
    missing: z.array(z.string()),
    automatic_checks: z.record(z.string(), z.unknown()),
    failed_checks: z.array(z.string()).openapi({
      description:
        'Why a second approver is needed: checks failing on the values held now, and checks that failed on the centre’s evidence and no later evidence passed (a staff correction never clears these)',
    }),
    evidence: z.array(
      z.object({
        check: z.string().openapi({ example: 'signatory_matches' }),
        failed_by: z.string().nullable().openapi({ description: 'Message-ID of the mail it failed on' }),
        failed_at: At,
        cleared_by: z
          .string()
          .nullable()
          .openapi({ description: 'Message-ID of the follow-up whose evidence passed it' }),
        cleared_at: At.nullable(),
        open: z.boolean(),
      }),
    ),
    second_approval_required: z.boolean(),
    approvals: z.object({ first: Approval, second: Approval }).openapi({
      description:
        'Who approved and when: `first` alone for a one-person approval; with a second approver, `first` is the claimer and `second` the different member of staff who completed it',
    }),
    mail_language: z.enum(['cy', 'en', 'bilingual']).openapi({
      description:
        'The language of mail to this centre: staff text (rejection reasons, notes) is needed in Welsh, or in Welsh and English for `bilingual`',
    }),
    callback: z.object({
      telephone: z
        .string()
        .nullable()
        .openapi({ description: "The centre's registered telephone, to call back" }),
      passed: z.boolean().nullable(),
    }),
    manual_checks: z.array(
      z.object({
        name: z.string(),
        passed: z.boolean(),
        note: z.string().nullable(),
        by: z.string(),
        at: At,
      }),
    ),
    messages: z.array(
      z.object({
        id: z.number().int(),
        message_id: z.string(),
        from: z.string().nullable(),
        subject: z.string().nullable(),
        sent_at: At.nullable(),
        received_at: At,
        outcome: z.string(),
        authentication: z.string(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.number().int(),
        filename: z.string(),
        content_type: z.string(),
        size: z.number().int(),
        message_id: z.string(),
        download: z.string(),
      }),
    ),
    timeline: z.array(
      z.object({
        at: At,
        type: z.string(),
        actor: z.string(),
        detail: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
    notice: z
      .object({ code: z.enum(['second_approval_needed']), message: z.string() })
      .optional()
      .openapi({ description: 'After a first approval: what must happen next, in the caller’s language' }),
  })
  .openapi('RequestDetail');

export const CheckBody = z
  .strictObject({
    name: z.enum(MANUAL_CHECKS).openapi({
      description:
        '`callback_registered_telephone` (required before any approval), `letterhead_inspected`, `signature_compared`, `new_eo_confirmed`',
      example: 'callback_registered_telephone',
    }),
    passed: z.boolean(),
    note: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .openapi({ example: 'Spoke to the school office; confirmed.' }),
  })
  .openapi('ManualCheck');

export const FieldsBody = z
  .strictObject({
    new_eo_name: Text(200).optional().openapi({ example: 'Mrs Joanne Price' }),
    new_eo_email: Email.optional(),
    centre_name: Text(200).optional(),
    centre_number: CentreNumber.optional(),
    signatory: Text(300).optional().openapi({ example: 'Dr Eleri Morgan, Pennaeth' }),
    new_eo_telephone: UkTelephone.optional().openapi({
      description:
        'Becomes the centre’s EO telephone on approval; left out, it is cleared for the new EO to add',
    }),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { i18n: 'empty_patch' } })
  .openapi('RequestFieldCorrection');

/**
 * Free text to the centre, in each language its mail is written in: Welsh for a Welsh centre or Welsh
 * mail, both otherwise (the request's `mail_language`). The service checks which are needed.
 */
const Notes = {
  notes_cy: Text(2000).optional().openapi({ example: 'Nid oedd y llythyr wedi’i lofnodi.' }),
  notes_en: Text(2000).optional().openapi({ example: 'The letter was not signed.' }),
};

export const RequestInfoBody = z
  .strictObject({
    items: z
      .array(z.enum(REQUESTABLE_ITEMS))
      .max(REQUESTABLE_ITEMS.length)
      .optional()
      .openapi({
        description: 'What to ask for; the request’s missing list when left out',
        example: ['letterhead'],
      }),
    ...Notes,
  })
  .openapi('RequestInfo');

export const RejectBody = z
  .strictObject({
    reason_code: z.enum(REJECTION_REASONS).optional().openapi({
      description: 'A standard reason, worded by cymorth in both languages; or give `reason_cy`/`reason_en`',
      example: 'not_on_letterhead',
    }),
    reason_cy: Text(2000).optional().openapi({ example: 'Nid yw’r llythyr wedi’i lofnodi gan y Pennaeth.' }),
    reason_en: Text(2000).optional().openapi({ example: 'The letter is not signed by the Head of Centre.' }),
    ...Notes,
  })
  .openapi('RejectRequest');
