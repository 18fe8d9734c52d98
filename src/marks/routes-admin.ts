import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DomainError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { principalOf, requireAuth } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses, jsonContent, LangQuery } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { CentreNumber, Email } from '../shared-schemas.js';
import { assignModeratorAs, importEntriesAs, importUnitsAs } from './admin.js';
import { tags } from './routes.js';

const csvBody = (example: string) => ({
  required: true,
  content: { 'text/csv': { schema: z.string().openapi({ example }) } },
});

const importRoute = (what: 'units' | 'entries', example: string) =>
  createRoute({
    method: 'post',
    path: `/marks/import/${what}`,
    tags,
    summary: `Import ${what} from CSV (staff admin): every bad row named, nothing of a bad file applied`,
    security: bearerSecurity,
    middleware: [requireAuth] as const,
    request: { query: LangQuery, body: csvBody(example) },
    responses: {
      200: jsonContent(
        z.object({
          rows: z.number().int(),
          created: z.number().int().optional(),
          updated: z.number().int().optional(),
        }),
        'Imported',
      ),
      422: errorJson('Bad rows, each named; nothing applied'),
      ...errorResponses,
    },
  });

const unitsImport = importRoute(
  'units',
  'series,code,title,title_cy,components,teacher_initials,uploads,sample_deadline,submission_deadline,results_day\nGCSE NOVEMBER 2026,3700U1,English Language Unit 1 Oracy,Iaith Saesneg Uned 1 Llafaredd,Task 1:40;Task 2:40,yes,no,2026-12-04,2026-12-11,2027-01-14',
);
const entriesImport = importRoute(
  'entries',
  'series,code,centre_number,candidate_number,candidate_name,date_of_birth\nGCSE NOVEMBER 2026,3700U1,68123,1054,PRITCHARD:ELIN,2010-03-14',
);

const assign = createRoute({
  method: 'put',
  path: '/centres/{number}/units/{unit}/moderator',
  tags,
  summary: 'Appoint the moderator of a unit at a centre (staff admin); null removes the appointment',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: z.object({
      number: CentreNumber.openapi({ param: { name: 'number', in: 'path' } }),
      unit: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ param: { name: 'unit', in: 'path' }, type: 'integer' }),
    }),
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({ email: Email.nullable() }),
          example: { email: 'cymedrolwr@cymorth.localhost' },
        },
      },
    },
  },
  responses: {
    200: jsonContent(
      z.object({ unit: z.number().int(), centre: z.string(), moderator: z.string().nullable() }),
      'Appointed',
    ),
    422: errorJson('Not a moderator account'),
    ...errorResponses,
  },
});

async function csvOf(c: Context<AppEnv>) {
  if (!/^text\/csv/i.test(c.req.header('content-type') ?? ''))
    throw new DomainError('unsupported_media_type');
  return new Uint8Array(await c.req.arrayBuffer());
}

export function marksAdminRoutes() {
  return newRouter()
    .openapi(unitsImport, async (c) =>
      c.json(await importUnitsAs(c.get('ctx'), principalOf(c), () => csvOf(c)), 200),
    )
    .openapi(entriesImport, async (c) =>
      c.json(await importEntriesAs(c.get('ctx'), principalOf(c), () => csvOf(c)), 200),
    )
    .openapi(assign, async (c) => {
      const { number, unit } = c.req.valid('param');
      return c.json(
        await assignModeratorAs(c.get('ctx'), principalOf(c), {
          centre: number,
          unit,
          email: c.req.valid('json').email,
        }),
        200,
      );
    });
}
