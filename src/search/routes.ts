import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuth } from '../http/middleware.js';
import {
  bearerSecurity,
  errorResponses,
  jsonContent,
  LangQuery,
  PaginationQuery,
  paginated,
} from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { SearchHitSchema, search } from './service.js';

const route = createRoute({
  method: 'get',
  path: '/search',
  tags: ['Search'],
  summary: 'Find centres and people the way callers say them (staff)',
  description:
    'Centres by number, name or any address on record; accounts at every centre (and staff) by name or email. ' +
    "Case, accents and punctuation are ignored, and words may come in any order: `St Teilos` finds St Teilo's High School, " +
    '`Bowen` and `sian.bowen@ysgolgwyr.cymru` find Siân Bowen. Centres come first; each hit names its centre and role.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    query: PaginationQuery.extend(LangQuery.shape).extend({
      q: z.string().trim().min(1).max(200).openapi({ example: 'St Teilos' }),
    }),
  },
  responses: {
    200: jsonContent(paginated(SearchHitSchema), 'Matching centres, then accounts'),
    ...errorResponses,
  },
});

export function searchRoutes() {
  return newRouter().openapi(route, async (c) =>
    c.json(await search(c.get('ctx'), principalOf(c), c.req.valid('query')), 200),
  );
}
