import { z } from '@hono/zod-openapi';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../db/schema/index.js';
import { LangQuery, PaginationQuery } from '../http/openapi.js';
import { CentreNumber, Email, Text } from '../shared-schemas.js';
import { REQUESTABLE_ITEMS } from './rules.js';

const Reference = z.string().max(40).openapi({ example: 'EO-2026-00042' });

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
    failed_checks: z.array(z.string()),
    second_approval_required: z.boolean(),
    approvals: z.object({ first: Person, second: Person }),
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
  })
  .openapi('RequestDetail');

export const CheckBody = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{2,63}$/)
      .openapi({ example: 'callback_registered_telephone' }),
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
  })
  .refine((v) => Object.keys(v).length > 0, { params: { i18n: 'empty_patch' } })
  .openapi('RequestFieldCorrection');

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
  })
  .openapi('RequestInfo');

export const RejectBody = z.strictObject({ reason: Text(2000) }).openapi('RejectRequest');
