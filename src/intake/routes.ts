import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuth } from '../http/middleware.js';
import {
  bearerSecurity,
  errorJson,
  errorResponses,
  jsonContent,
  LangQuery,
  PaginationQuery,
  paginated,
} from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { SET_ASIDE_REASONS } from './result.js';
import { convertSetAside, dismissSetAside, listSetAside } from './set-aside.js';

const SetAsideSchema = z
  .object({
    id: z.number().int().openapi({ example: 17 }),
    message_id: z.string().openapi({ example: '<CAF=abc@mail.example>' }),
    from: z.string().nullable().openapi({ example: 'swyddfa@ysgolgwyr.cymru' }),
    subject: z.string().nullable().openapi({ example: 'Trip to the museum' }),
    reason: z.string().nullable().openapi({ example: 'not_eo_change' }),
    reason_label: z.string().nullable().openapi({ example: 'not a change of Exams Officer' }),
    language: z.enum(['en', 'cy']).nullable(),
    authentication: z.enum(['pass', 'fail', 'none']),
    attachments: z.number().int(),
    sent_at: z.string().nullable(),
    received_at: z.string(),
    dismissed_at: z.string().nullable(),
  })
  .openapi('SetAsideMessage');

const FieldsSchema = z.object({
  new_eo_title: z.string().nullable().openapi({ example: 'Mrs' }),
  new_eo_name: z.string().nullable(),
  new_eo_email: z.string().nullable(),
  centre_name: z.string().nullable(),
  centre_number: z.string().nullable(),
  signatory: z.string().nullable(),
});

const IngestResultSchema = z
  .object({
    message_id: z.string(),
    outcome: z.enum(['created', 'joined', 'duplicate', 'set_aside']),
    reason: z.string().nullable(),
    reference: z.string().nullable().openapi({ example: 'EO-2026-00042' }),
    status: z.string().nullable().openapi({ example: 'incomplete' }),
    language: z.enum(['en', 'cy']),
    fields: FieldsSchema,
    letterhead: z.boolean(),
    missing: z.array(z.string()).openapi({ example: ['letterhead'] }),
    checks: z.object({
      letterhead: z.boolean(),
      signatory_matches: z.boolean(),
      centre_name_matches: z.boolean(),
      sender_domain_known: z.boolean(),
      new_email_unused: z.boolean(),
      authentication: z.enum(['pass', 'fail', 'none']),
    }),
    reply: z
      .object({ to: z.string(), language: z.enum(['en', 'cy', 'bilingual']), subject: z.string() })
      .nullable(),
  })
  .openapi('IngestResult');

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 17 }),
});

const list = createRoute({
  method: 'get',
  path: '/intake/set-aside',
  tags: ['Intake'],
  summary: 'Mail the intake set aside, newest first (staff)',
  description:
    'Every message that did not become or join a request: auto-replies, bulk and list mail, bounces, spam, mail not about a change of Exams Officer, and mail that could not be read. Dismissed ones only with `include_dismissed=true`.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    query: PaginationQuery.extend(LangQuery.shape).extend({
      reason: z.enum(SET_ASIDE_REASONS).optional().openapi({ example: 'not_eo_change' }),
      include_dismissed: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => v === 'true'),
    }),
  },
  responses: { 200: jsonContent(paginated(SetAsideSchema), 'Set-aside messages'), ...errorResponses },
});

const convert = createRoute({
  method: 'post',
  path: '/intake/set-aside/{id}/convert',
  tags: ['Intake'],
  summary: 'Turn a set-aside message into a request (staff support/admin)',
  description:
    'The message is read again as a change of Exams Officer request: it starts a request or joins the one it follows up. The centre gets the automatic reply unless the message was automatic or bulk mail.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: IdParams, query: LangQuery },
  responses: {
    200: jsonContent(IngestResultSchema, 'The request the message now belongs to'),
    409: errorJson('The message is no longer set aside'),
    ...errorResponses,
  },
});

const dismiss = createRoute({
  method: 'post',
  path: '/intake/set-aside/{id}/dismiss',
  tags: ['Intake'],
  summary: 'Dismiss a set-aside message (staff support/admin)',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: IdParams, query: LangQuery },
  responses: {
    200: jsonContent(SetAsideSchema, 'The dismissed message'),
    409: errorJson('The message is no longer set aside'),
    ...errorResponses,
  },
});

export function intakeRoutes() {
  return newRouter()
    .openapi(list, async (c) =>
      c.json(await listSetAside(c.get('ctx'), principalOf(c), c.req.valid('query'), c.get('lang')), 200),
    )
    .openapi(convert, async (c) =>
      c.json(await convertSetAside(c.get('ctx'), principalOf(c), c.req.valid('param').id), 200),
    )
    .openapi(dismiss, async (c) =>
      c.json(
        await dismissSetAside(c.get('ctx'), principalOf(c), c.req.valid('param').id, c.get('lang')),
        200,
      ),
    );
}
