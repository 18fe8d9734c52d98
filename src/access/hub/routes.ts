import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuth } from '../../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses, jsonContent, LangQuery } from '../../http/openapi.js';
import { newRouter } from '../../http/router.js';
import {
  AccountAssessmentsSchema,
  AccountParams,
  AssessmentProgressSchema,
  AttemptBody,
  AttemptParams,
  HiddenAssessmentsSchema,
  HideBody,
} from './schema.js';
import {
  getAccountAssessments,
  getHiddenAssessments,
  recordAttempt,
  setHiddenAssessments,
} from './service.js';
import { userSummaryCsv } from './summary.js';

const TAG = 'Hub assessments';

const getHidden = createRoute({
  method: 'get',
  path: '/centres/{number}/users/{id}/hidden-assessments',
  tags: [TAG],
  summary: 'The assessments an account’s Hub role offers, and which are hidden from it',
  description:
    'Seed 003\'s "Assessment Access" screen. Only an invigilator (`INV`) account can have assessments hidden (`hideable`).',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: AccountParams, query: LangQuery },
  responses: {
    200: jsonContent(HiddenAssessmentsSchema, 'Each offered assessment, hidden or not'),
    ...errorResponses,
  },
});

const putHidden = createRoute({
  method: 'put',
  path: '/centres/{number}/users/{id}/hidden-assessments',
  tags: [TAG],
  summary: 'Hide assessments from an invigilator account (the centre’s EO or Admin, or staff)',
  description:
    'Replaces the hidden set: codes not sent are shown again; `[]` unhides everything. Only invigilator assessments can be hidden, and only from an `INV` account.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: AccountParams,
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': { schema: HideBody, example: { hidden: ['INV-ONSCREEN', 'INV-ACCESS'] } },
      },
    },
  },
  responses: {
    200: jsonContent(HiddenAssessmentsSchema, 'The account’s assessments after the change'),
    409: errorJson('The account is not an invigilator (`INV`) account'),
    ...errorResponses,
  },
});

const getAssessments = createRoute({
  method: 'get',
  path: '/centres/{number}/users/{id}/assessments',
  tags: [TAG],
  summary: 'An account’s progress on every assessment it sees',
  description:
    'Seed 003\'s "Info" screen (status, sections passed) with each assessment\'s "See Sections" detail (best mark, failed attempts, every attempt). Staff, the centre\'s EO or Admin, holders of `user_accounts`, or the account itself.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: AccountParams, query: LangQuery },
  responses: { 200: jsonContent(AccountAssessmentsSchema, 'The account’s progress'), ...errorResponses },
});

const postAttempt = createRoute({
  method: 'post',
  path: '/centres/{number}/users/{id}/assessments/{assessment}/attempts',
  tags: [TAG],
  summary: 'Record an attempt at an assessment (the account itself, or staff)',
  description:
    'The attempt passes when `mark` is at least the assessment’s pass mark (a percentage) of `out_of`. A hidden assessment, or one the Hub role does not offer, is refused.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: AttemptParams,
    query: LangQuery,
    body: {
      required: true,
      content: { 'application/json': { schema: AttemptBody, example: { mark: 19, out_of: 20, section: 1 } } },
    },
  },
  responses: {
    201: jsonContent(AssessmentProgressSchema, 'The assessment’s progress with the new attempt'),
    409: errorJson('The assessment is hidden from this account or not offered to its Hub role'),
    ...errorResponses,
  },
});

const summary = createRoute({
  method: 'get',
  path: '/centres/{number}/users/summary.csv',
  tags: [TAG],
  summary: '"User Summary": every account’s progress on each assessment it sees, as CSV',
  description:
    'UTF-8 with a byte-order mark so Excel reads Welsh letters; headers and statuses in the response language; cells a spreadsheet would run as a formula start with an apostrophe.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: z.object({
      number: z.string().openapi({ param: { name: 'number', in: 'path' }, example: '68123' }),
    }),
    query: LangQuery,
  },
  responses: {
    200: {
      description: 'The summary, one row per account and assessment',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

export function hubRoutes() {
  return newRouter()
    .openapi(summary, async (c) => {
      const { csv, filename } = await userSummaryCsv(
        c.get('ctx'),
        principalOf(c),
        c.req.valid('param').number,
        c.get('lang'),
        c.get('t'),
      );
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
      });
    })
    .openapi(getHidden, async (c) => {
      const { number, id } = c.req.valid('param');
      return c.json(await getHiddenAssessments(c.get('ctx'), principalOf(c), number, id, c.get('lang')), 200);
    })
    .openapi(putHidden, async (c) => {
      const { number, id } = c.req.valid('param');
      const ctx = c.get('ctx');
      return c.json(
        await setHiddenAssessments(ctx, principalOf(c), number, id, c.req.valid('json'), c.get('lang')),
        200,
      );
    })
    .openapi(getAssessments, async (c) => {
      const { number, id } = c.req.valid('param');
      return c.json(
        await getAccountAssessments(c.get('ctx'), principalOf(c), number, id, c.get('lang')),
        200,
      );
    })
    .openapi(postAttempt, async (c) => {
      const { number, id, assessment } = c.req.valid('param');
      const ctx = c.get('ctx');
      return c.json(
        await recordAttempt(ctx, principalOf(c), number, id, assessment, c.req.valid('json'), c.get('lang')),
        201,
      );
    });
}
