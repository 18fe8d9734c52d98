import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { hubRoutes } from './access/hub/routes.js';
import { accessRoutes } from './access/routes.js';
import { centresRoutes } from './centres/routes.js';
import type { AppContext } from './context.js';
import { DomainError } from './errors.js';
import { onError } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { contextMiddleware } from './http/middleware.js';
import { intakeRoutes } from './intake/routes.js';
import { notFound } from './http/not-found.js';
import { newRouter } from './http/router.js';
import { queueRoutes } from './queue/routes.js';

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

  app.route('/', healthRoutes());

  app.route(API_PREFIX, centresRoutes());
  // Before any `/centres/{number}/users/{id}` route, so `/users/summary.csv` is not taken for an id.
  app.route(API_PREFIX, hubRoutes());
  app.route(API_PREFIX, accessRoutes());
  app.route(API_PREFIX, intakeRoutes());
  app.route(API_PREFIX, queueRoutes());

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

  app.notFound(notFound(app));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
