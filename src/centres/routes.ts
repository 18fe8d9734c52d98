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
import {
  AuditEntrySchema,
  CentreParams,
  CentreSchema,
  CentreSummarySchema,
  CreateCentreBody,
  PatchCentreBody,
} from './schema.js';
import { centreAudit, createCentre, getCentre, searchCentres, updateCentre } from './service.js';

const search = createRoute({
  method: 'get',
  path: '/centres',
  tags: ['Centres'],
  summary: 'Find centres by number or name (staff)',
  description: 'Name search ignores case and accents: `gwyr` finds `Coleg Gŵyr Abertawe`.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    query: PaginationQuery.extend(LangQuery.shape).extend({
      q: z.string().max(200).optional().openapi({ example: 'gwyr' }),
    }),
  },
  responses: { 200: jsonContent(paginated(CentreSummarySchema), 'Matching centres'), ...errorResponses },
});

const get = createRoute({
  method: 'get',
  path: '/centres/{number}',
  tags: ['Centres'],
  summary: "A centre's details, effective addresses and what the caller may edit",
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: CentreParams, query: LangQuery },
  responses: { 200: jsonContent(CentreSchema, 'The centre'), ...errorResponses },
});

const patch = createRoute({
  method: 'patch',
  path: '/centres/{number}',
  tags: ['Centres'],
  summary: "Edit a centre (the centre's EO or Admin, or staff support/admin)",
  description:
    "Applies whole or not at all. Changing `eo_email` moves the EO's login, ends its tokens and queues a reset email to the new address in the centre's language.",
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: CentreParams,
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: PatchCentreBody,
          example: { general_email: 'swyddfa@ysgolgwyr.cymru', language: 'cy' },
        },
      },
    },
  },
  responses: { 200: jsonContent(CentreSchema, 'The centre after the change'), ...errorResponses },
});

const create = createRoute({
  method: 'post',
  path: '/centres',
  tags: ['Centres'],
  summary: 'Register a centre and its EO account (staff admin)',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: CreateCentreBody,
          example: {
            number: '68123',
            name: 'Ysgol Gyfun Gŵyr',
            address: 'Heol Talbot, Tregŵyr, Abertawe SA4 3AA',
            telephone: '029 2018 0101',
            language: 'cy',
            head_name: 'Dr Eleri Morgan',
            head_email: 'pennaeth@ysgolgwyr.cymru',
            eo_name: 'Gwenllian Rhys',
            eo_email: 'arholiadau@ysgolgwyr.cymru',
            eo_telephone: '029 2018 0102',
            general_email: 'swyddfa@ysgolgwyr.cymru',
            ukprn: '10001234',
            urn: '401234',
          },
        },
      },
    },
  },
  responses: {
    201: jsonContent(CentreSchema, 'The new centre'),
    409: errorJson('Number or EO email already used'),
    ...errorResponses,
  },
});

const audit = createRoute({
  method: 'get',
  path: '/centres/{number}/audit',
  tags: ['Centres'],
  summary: "A centre's audit trail, newest first (staff, or the centre's EO/Admin)",
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: CentreParams, query: PaginationQuery.extend(LangQuery.shape) },
  responses: { 200: jsonContent(paginated(AuditEntrySchema), 'Audit entries'), ...errorResponses },
});

export function centresRoutes() {
  return newRouter()
    .openapi(search, async (c) =>
      c.json(await searchCentres(c.get('ctx'), principalOf(c), c.req.valid('query')), 200),
    )
    .openapi(create, async (c) =>
      c.json(await createCentre(c.get('ctx'), principalOf(c), c.req.valid('json')), 201),
    )
    .openapi(get, async (c) =>
      c.json(await getCentre(c.get('ctx'), principalOf(c), c.req.valid('param').number), 200),
    )
    .openapi(patch, async (c) =>
      c.json(
        await updateCentre(c.get('ctx'), principalOf(c), c.req.valid('param').number, c.req.valid('json')),
        200,
      ),
    )
    .openapi(audit, async (c) => {
      const { page, per_page } = c.req.valid('query');
      return c.json(
        await centreAudit(c.get('ctx'), principalOf(c), c.req.valid('param').number, page, per_page),
        200,
      );
    });
}
