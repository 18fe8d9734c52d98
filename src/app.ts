import { swaggerUI } from '@hono/swagger-ui';
import { sql } from 'drizzle-orm';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { accessRoutes } from './access/routes.js';
import { centresRoutes } from './centres/routes.js';
import type { AppContext } from './context.js';
import { DomainError } from './errors.js';
import { errorResponse, onError } from './http/errors.js';
import { contextMiddleware } from './http/middleware.js';
import { newRouter } from './http/router.js';

export const API_PREFIX = '/api/v1';

/** Builds the whole HTTP service from its dependencies; the same app serves Node, Workers and tests. */
export function createApp(ctx: AppContext) {
  const app = newRouter();
  app.use(requestId());
  app.use(contextMiddleware(ctx));
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize: ctx.config.BODY_LIMIT_BYTES,
      onError: () => {
        throw new DomainError('body_too_large', { limit: ctx.config.BODY_LIMIT_BYTES });
      },
    }),
  );

  app.get('/healthz', async (c) => {
    await ctx.db.run(sql`select 1`);
    return c.json({ status: 'ok' });
  });

  app.route(API_PREFIX, centresRoutes());
  app.route(API_PREFIX, accessRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from `cymorth token create` or an accepted invite',
  });
  app.doc31(`${API_PREFIX}/openapi.json`, {
    openapi: '3.1.0',
    info: {
      title: 'cymorth API',
      version: '1',
      description:
        'The centre support desk of an awarding body, in Welsh and English. Answers are in `?lang=`, else the account’s language, else Accept-Language, else English.',
    },
    servers: [{ url: '/' }],
  });
  app.get('/docs', swaggerUI({ url: `${API_PREFIX}/openapi.json` }));

  app.notFound((c) => errorResponse(c, new DomainError('route_not_found')));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
