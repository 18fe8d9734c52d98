import { createRoute, z } from '@hono/zod-openapi';
import { emptyBodyIsNone } from '../http/empty-body.js';
import { principalOf, requireAuth } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses, jsonContent, LangQuery } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { tags } from './routes.js';
import { addToSample, getSample, removeFromSample, replaceInSample } from './sample.js';
import {
  AddSampleBody,
  CandidateParams,
  ReplaceBody,
  SampleSchema,
  SubmitBody,
  UnitParams,
} from './schema.js';
import { submitMarks } from './submit.js';

const json = <T>(schema: T, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema, example } },
});
const responses = {
  200: jsonContent(SampleSchema, 'The sample'),
  409: errorJson('Not submitted, locked, or not allowed for this candidate'),
  ...errorResponses,
};
const common = { tags, security: bearerSecurity };
const at = (path: string) => `/centres/{number}/units/{unit}/${path}`;

const submit = createRoute({
  method: 'post',
  path: '/centres/{number}/units/{unit}/submit',
  tags,
  summary: 'Submit the marks and generate the moderation sample',
  description:
    'Needs every candidate to have a mark, A or CF (and initials where required) and `candidates_informed: true`; locks the marks and draws the sample by the stated rule.',
  security: bearerSecurity,
  // Without the confirmation (no body, an empty one, or `{}`) the answer is 422 candidates_not_informed,
  // as for `false`: it is the one thing a submission must say, not a malformed request.
  middleware: [requireAuth, emptyBodyIsNone] as const,
  request: {
    params: UnitParams,
    query: LangQuery,
    body: { ...json(SubmitBody, { candidates_informed: true }), required: false },
  },
  responses: {
    200: jsonContent(SampleSchema.extend({ submitted: z.number().int() }), 'Submitted, with the sample'),
    409: errorJson('Already submitted'),
    422: errorJson('Candidates missing marks or initials (in details), or candidates not informed'),
    ...errorResponses,
  },
});

const show = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'get',
  path: at('sample'),
  summary: 'The moderation sample, with why each candidate is in it',
  request: { params: UnitParams, query: LangQuery },
  responses,
});
const add = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'post',
  path: at('sample'),
  summary: 'Add a candidate to the sample',
  request: { params: UnitParams, query: LangQuery, body: json(AddSampleBody, { candidate_number: '1054' }) },
  responses,
});
const remove = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'delete',
  path: at('sample/{candidate}'),
  summary: "Remove the centre's own addition (the system's choice stays: 409)",
  request: { params: CandidateParams, query: LangQuery },
  responses,
});
const replace = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'post',
  path: at('sample/{candidate}/replace'),
  summary: 'Replace a sample candidate whose work is lost or incomplete by the nearest by mark',
  request: { params: CandidateParams, query: LangQuery, body: json(ReplaceBody, { reason: 'lost' }) },
  responses,
});

export function marksSampleRoutes() {
  return newRouter()
    .openapi(submit, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(await submitMarks(c.get('ctx'), principalOf(c), number, unit, c.req.valid('json')), 200);
    })
    .openapi(show, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(await getSample(c.get('ctx'), principalOf(c), number, unit), 200);
    })
    .openapi(add, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(
        await addToSample(c.get('ctx'), principalOf(c), number, unit, c.req.valid('json').candidate_number),
        200,
      );
    })
    .openapi(remove, async (c) => {
      const { number, unit, candidate } = c.req.valid('param');
      return c.json(await removeFromSample(c.get('ctx'), principalOf(c), number, unit, candidate), 200);
    })
    .openapi(replace, async (c) => {
      const { number, unit, candidate } = c.req.valid('param');
      return c.json(
        await replaceInSample(
          c.get('ctx'),
          principalOf(c),
          number,
          unit,
          candidate,
          c.req.valid('json').reason,
        ),
        200,
      );
    });
}
