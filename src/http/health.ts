import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { errorJson, jsonContent } from './openapi.js';
import { newRouter } from './router.js';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Service'],
  summary: 'Liveness: the service answers and its database is reachable',
  responses: {
    200: jsonContent(z.object({ status: z.literal('ok') }), 'Up, with the database reachable'),
    500: errorJson('The database cannot be reached'),
  },
});

export function healthRoutes() {
  return newRouter().openapi(healthz, async (c) => {
    await c.get('ctx').db.run(sql`select 1`);
    return c.json({ status: 'ok' as const }, 200);
  });
}
