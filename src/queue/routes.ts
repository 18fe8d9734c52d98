import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuth } from '../http/middleware.js';
import {
  bearerSecurity,
  errorJson,
  errorResponses,
  jsonContent,
  LangQuery,
  paginated,
} from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { approveRequest } from './approve.js';
import { downloadAttachment } from './attachments.js';
import { recordCheck } from './checks.js';
import { claimRequest, releaseRequest } from './claim.js';
import { correctFields } from './fields.js';
import { listRequests, showRequest } from './read.js';
import { rejectRequest } from './reject.js';
import { requestInfo } from './request-info.js';
import {
  AttachmentParams,
  CheckBody,
  FieldsBody,
  ListQuery,
  RejectBody,
  RequestDetailSchema,
  RequestInfoBody,
  RequestParams,
  RequestSummarySchema,
} from './schema.js';

const tags = ['Verification queue'];
const conflict = { 409: errorJson('Claimed by someone else, not claimed, already decided, or not ready') };
const json = <T>(schema: T, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema, example } },
});
const detail = (description: string) => ({
  200: jsonContent(RequestDetailSchema, description),
  ...conflict,
  ...errorResponses,
});

const list = createRoute({
  method: 'get',
  path: '/requests',
  tags,
  summary: 'The verification queue, soonest due first (staff: support, helpline, admin)',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { query: ListQuery },
  responses: { 200: jsonContent(paginated(RequestSummarySchema), 'Matching requests'), ...errorResponses },
});

const show = createRoute({
  method: 'get',
  path: '/requests/{ref}',
  tags,
  summary: 'One request: fields and their sources, mail, attachments, checks, timeline, time left',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: RequestParams, query: LangQuery },
  responses: { 200: jsonContent(RequestDetailSchema, 'The request'), ...errorResponses },
});

const action = (path: string, summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/requests/{ref}/${path}`,
    tags,
    summary,
    description,
    security: bearerSecurity,
    middleware: [requireAuth] as const,
    request: { params: RequestParams, query: LangQuery },
    responses: detail('The request after the action'),
  });

const claim = action(
  'claim',
  'Claim a request to work on it (support, admin)',
  'A request held by someone else answers 409 `request_claimed` naming who holds it.',
);
const release = action(
  'release',
  'Hand a request back to the queue (its claimer, or a staff admin)',
  'A first approval waiting for a second approver is withdrawn.',
);
const check = createRoute({
  method: 'post',
  path: '/requests/{ref}/checks',
  tags,
  summary: 'Record a manual check, e.g. the call-back to the centre’s registered telephone (claimer)',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: RequestParams,
    query: LangQuery,
    body: json(CheckBody, {
      name: 'callback_registered_telephone',
      passed: true,
      note: 'Spoke to the school office.',
    }),
  },
  responses: {
    201: jsonContent(RequestDetailSchema, 'The request with the check'),
    ...conflict,
    ...errorResponses,
  },
});
const fields = createRoute({
  method: 'patch',
  path: '/requests/{ref}/fields',
  tags,
  summary: 'Correct fields (claimer): audited, the old values kept, checks worked out again',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: RequestParams,
    query: LangQuery,
    body: json(FieldsBody, { new_eo_email: 'joanne.price@ysgolgwyr.cymru' }),
  },
  responses: detail('The request after the correction'),
});
const info = createRoute({
  method: 'post',
  path: '/requests/{ref}/request-info',
  tags,
  summary: 'Ask the centre for what is missing (claimer)',
  description:
    'Mail in the centre’s language (Welsh, or both with Welsh first), in the thread of its messages.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: RequestParams,
    query: LangQuery,
    body: json(RequestInfoBody, { items: ['letterhead', 'signatory'] }),
  },
  responses: detail('The request, with the mail on its timeline'),
});
const approve = action(
  'approve',
  'Approve (claimer; a second member of staff too when an automatic check failed)',
  'Needs every field and a passed call-back. The final approval hands the EO account to the new person, ends its tokens, and queues the invite, the notice to the old address and the reply to the centre, in one atomic change.',
);
const rejectExample = {
  reason_code: 'not_on_letterhead',
  notes_cy: 'Anfonwch y llythyr eto ar bapur â phennyn.',
  notes_en: 'Please send the letter again on letterhead.',
};
const reject = createRoute({
  method: 'post',
  path: '/requests/{ref}/reject',
  tags,
  summary: 'Reject with a reason (claimer); the centre is told in its language',
  description:
    'A standard `reason_code`, worded by cymorth, or the reason in staff’s own words in each language the centre’s mail is in (`mail_language` on the request: `reason_cy` for Welsh, `reason_cy` and `reason_en` for both), with optional `notes_cy`/`notes_en` on the same terms. The notice goes to the sender and to the centre’s EO, general address and Head of Centre. Decided once: a second click answers 409.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: RequestParams,
    query: LangQuery,
    body: json(RejectBody, rejectExample),
  },
  responses: detail('The rejected request'),
});

const download = createRoute({
  method: 'get',
  path: '/requests/{ref}/attachments/{id}',
  tags,
  summary: 'Download an attachment of the request (staff: support, helpline, admin)',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: AttachmentParams, query: LangQuery },
  responses: {
    200: {
      description: 'The file, as an attachment',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses,
  },
});

export function queueRoutes() {
  return newRouter()
    .openapi(list, async (c) =>
      c.json(await listRequests(c.get('ctx'), principalOf(c), c.req.valid('query')), 200),
    )
    .openapi(show, async (c) =>
      c.json(await showRequest(c.get('ctx'), principalOf(c), c.req.valid('param').ref), 200),
    )
    .openapi(claim, async (c) =>
      c.json(await claimRequest(c.get('ctx'), principalOf(c), c.req.valid('param').ref), 200),
    )
    .openapi(release, async (c) =>
      c.json(await releaseRequest(c.get('ctx'), principalOf(c), c.req.valid('param').ref), 200),
    )
    .openapi(check, async (c) =>
      c.json(
        await recordCheck(c.get('ctx'), principalOf(c), c.req.valid('param').ref, c.req.valid('json')),
        201,
      ),
    )
    .openapi(fields, async (c) =>
      c.json(
        await correctFields(c.get('ctx'), principalOf(c), c.req.valid('param').ref, c.req.valid('json')),
        200,
      ),
    )
    .openapi(info, async (c) =>
      c.json(
        await requestInfo(c.get('ctx'), principalOf(c), c.req.valid('param').ref, c.req.valid('json') ?? {}),
        200,
      ),
    )
    .openapi(approve, async (c) => {
      const detail = await approveRequest(c.get('ctx'), principalOf(c), c.req.valid('param').ref);
      const first = detail.status === 'in_verification' ? detail.approvals.first : null;
      if (!first) return c.json(detail, 200);
      const message = c.get('t')('queue:second_approval_needed', { name: first.name });
      return c.json({ ...detail, notice: { code: 'second_approval_needed' as const, message } }, 200);
    })
    .openapi(reject, async (c) =>
      c.json(
        await rejectRequest(c.get('ctx'), principalOf(c), c.req.valid('param').ref, c.req.valid('json')),
        200,
      ),
    )
    .openapi(download, async (c) => {
      const { ref, id } = c.req.valid('param');
      const file = await downloadAttachment(c.get('ctx'), principalOf(c), ref, id);
      return c.body(new Uint8Array(file.bytes), 200, file.headers);
    });
}
