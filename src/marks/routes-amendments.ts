import { createRoute } from '@hono/zod-openapi';
import { principalOf, requireAuth } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses, jsonContent, LangQuery } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { listAmendments, requestAmendment } from './amendments.js';
import { tags } from './routes.js';
import { AmendmentBody, AmendmentCreated, AmendmentList, UnitParams } from './schema.js';

const path = '/centres/{number}/units/{unit}/amendments';

const create = createRoute({
  tags,
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  method: 'post',
  path,
  summary: 'Ask for a submitted mark to be amended (joins the verification queue as MA-YYYY-NNNNN)',
  description:
    "Worked with the queue's claim, approve and reject routes (`/requests/{ref}/…`); approval changes the mark and keeps the original on the amendment.",
  request: {
    params: UnitParams,
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: AmendmentBody,
          example: {
            candidate_number: '1015',
            component: 'task_1',
            mark: 23,
            reason: 'Task 1 was added up wrongly: 23, not 19.',
          },
        },
      },
    },
  },
  responses: {
    201: jsonContent(AmendmentCreated, 'The request on the queue'),
    409: errorJson('Marks not submitted yet: change them on the marksheet'),
    422: errorJson('The mark is already that'),
    ...errorResponses,
  },
});

const list = createRoute({
  tags,
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  method: 'get',
  path,
  summary: 'Amendments asked for on this marksheet, newest first, with where each stands',
  request: { params: UnitParams, query: LangQuery },
  responses: { 200: jsonContent(AmendmentList, 'Amendments'), ...errorResponses },
});

export function marksAmendmentRoutes() {
  return newRouter()
    .openapi(create, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(
        await requestAmendment(c.get('ctx'), principalOf(c), number, unit, c.req.valid('json')),
        201,
      );
    })
    .openapi(list, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(await listAmendments(c.get('ctx'), principalOf(c), number, unit), 200);
    });
}
