import { createRoute, z } from '@hono/zod-openapi';
import { CentreParams } from '../centres/schema.js';
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
import { getMarksheet, listUnits } from './read.js';
import { saveMarks } from './save.js';
import {
  MarksheetQuery,
  MarksheetRowSchema,
  SaveMarksBody,
  SaveMarksResult,
  UnitParams,
  UnitSchema,
} from './schema.js';

export const tags = ['Internal assessment marks'];

const units = createRoute({
  method: 'get',
  path: '/centres/{number}/units',
  tags,
  summary: "A centre's units and their status (the IAMIS menu)",
  description: 'Status is `enter_marks` (ENTER MARKS (n DONE, m LEFT)), `ready_to_submit` or `submitted`.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: CentreParams, query: LangQuery },
  responses: { 200: jsonContent(z.object({ data: z.array(UnitSchema) }), 'Units'), ...errorResponses },
});

const marksheet = createRoute({
  method: 'get',
  path: '/centres/{number}/units/{unit}/marksheet',
  tags,
  summary: 'A unit marksheet: paged, sorted, filtered, searchable by surname',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: UnitParams, query: MarksheetQuery },
  responses: { 200: jsonContent(paginated(MarksheetRowSchema), 'Marksheet rows'), ...errorResponses },
});

const save = createRoute({
  method: 'put',
  path: '/centres/{number}/units/{unit}/marks',
  tags,
  summary: 'Save marks: every good cell saved, every bad one refused and named',
  description:
    'Cells take 0..max, `a`/`A` (absent), `c`/`C`/`cf`/`CF` (carry forward), or null to clear. A row saved by someone else since `version` refuses the batch with 409 and the current rows. After submission, 409 `marks_locked`.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: UnitParams,
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: SaveMarksBody,
          example: {
            rows: [
              { candidate_number: '1054', marks: { task_1: 15, task_2: 'a' }, initials: 'AB', version: 1 },
            ],
          },
        },
      },
    },
  },
  responses: {
    200: jsonContent(SaveMarksResult, 'What was saved and what was refused'),
    409: errorJson('Submitted already, or saved by someone else since'),
    ...errorResponses,
  },
});

export function marksRoutes() {
  return newRouter()
    .openapi(units, async (c) =>
      c.json(await listUnits(c.get('ctx'), principalOf(c), c.req.valid('param').number, c.get('lang')), 200),
    )
    .openapi(marksheet, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(
        await getMarksheet(c.get('ctx'), principalOf(c), number, unit, c.req.valid('query')),
        200,
      );
    })
    .openapi(save, async (c) => {
      const { number, unit } = c.req.valid('param');
      const result = await saveMarks(c.get('ctx'), principalOf(c), number, unit, c.req.valid('json'));
      const t = c.get('t');
      const refused = result.refused.map(({ params, ...r }) => ({
        ...r,
        message: t(`validation:${r.code}`, params),
      }));
      return c.json({ ...result, refused }, 200);
    });
}
