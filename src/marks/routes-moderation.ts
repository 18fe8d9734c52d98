import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuth } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses, jsonContent, LangQuery } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import {
  moderatorReport,
  myModeration,
  recordClericalError,
  recordModeratorMarks,
  writeModeratorReport,
} from './moderation.js';
import { tags } from './routes.js';
import {
  CandidateParams,
  ClericalBody,
  ModeratorMarksBody,
  ModeratorReportSchema,
  ReportBody,
  SampleSchema,
  UnitParams,
} from './schema.js';

const json = <T>(schema: T, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema, example } },
});
const common = { tags, security: bearerSecurity };
const notYet = {
  409: errorJson('Not submitted yet, not in the sample, or (for the centre) before results day'),
};

const modMarks = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'put',
  path: '/centres/{number}/units/{unit}/sample/{candidate}/moderator-marks',
  summary: "Record the moderator's marks for a sample candidate (the unit's moderator, staff support/admin)",
  request: {
    params: CandidateParams,
    query: LangQuery,
    body: json(ModeratorMarksBody, { marks: { task_1: 14, task_2: 16 } }),
  },
  responses: { 200: jsonContent(SampleSchema, 'The sample'), ...notYet, ...errorResponses },
});

const clerical = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'put',
  path: '/centres/{number}/units/{unit}/candidates/{candidate}/clerical',
  summary: 'Record a clerical error: the amended mark overrides the original, which is kept',
  request: {
    params: CandidateParams,
    query: LangQuery,
    body: json(ClericalBody, { component: 'task_1', mark: 18 }),
  },
  responses: {
    200: jsonContent(
      z.object({
        candidate_number: z.string(),
        marks: z.record(z.string(), z.unknown()),
        clerical: z.record(z.string(), z.number()),
      }),
      'The row with its corrections',
    ),
    ...notYet,
    ...errorResponses,
  },
});

const reportGet = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'get',
  path: '/centres/{number}/units/{unit}/moderator-report',
  summary: "The moderator's report (the centre sees it from results day)",
  request: { params: UnitParams, query: LangQuery },
  responses: { 200: jsonContent(ModeratorReportSchema, 'The report'), ...notYet, ...errorResponses },
});

const reportPut = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'put',
  path: '/centres/{number}/units/{unit}/moderator-report',
  summary: "Write the moderator's report: outcome and comments",
  request: {
    params: UnitParams,
    query: LangQuery,
    body: json(ReportBody, { outcome: 'accepted', comments: 'Marking is accurate and consistent.' }),
  },
  responses: { 200: jsonContent(ModeratorReportSchema, 'The report'), ...notYet, ...errorResponses },
});

const mine = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'get',
  path: '/moderation/units',
  summary: 'The units and centres the calling moderator is appointed to',
  request: { query: LangQuery },
  responses: {
    200: jsonContent(
      z.object({
        data: z.array(
          z.object({
            centre: z.string(),
            unit: z.number().int(),
            code: z.string(),
            series: z.string(),
            title: z.string(),
            submitted: z.boolean(),
            report_written: z.boolean(),
          }),
        ),
      }),
      'Appointments',
    ),
    ...errorResponses,
  },
});

export function marksModerationRoutes() {
  return newRouter()
    .openapi(mine, async (c) => c.json(await myModeration(c.get('ctx'), principalOf(c), c.get('lang')), 200))
    .openapi(modMarks, async (c) => {
      const { number, unit, candidate } = c.req.valid('param');
      return c.json(
        await recordModeratorMarks(
          c.get('ctx'),
          principalOf(c),
          number,
          unit,
          candidate,
          c.req.valid('json').marks,
        ),
        200,
      );
    })
    .openapi(clerical, async (c) => {
      const { number, unit, candidate } = c.req.valid('param');
      return c.json(
        await recordClericalError(c.get('ctx'), principalOf(c), number, unit, candidate, c.req.valid('json')),
        200,
      );
    })
    .openapi(reportGet, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(await moderatorReport(c.get('ctx'), principalOf(c), number, unit, c.get('lang')), 200);
    })
    .openapi(reportPut, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(
        await writeModeratorReport(
          c.get('ctx'),
          principalOf(c),
          number,
          unit,
          c.req.valid('json'),
          c.get('lang'),
        ),
        200,
      );
    });
}
