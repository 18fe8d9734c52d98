import { swaggerUI } from '@hono/swagger-ui';
import type { Hono } from 'hono';
import { hubRoutes } from './access/hub/routes.js';
import { accessRoutes } from './access/routes.js';
import { usersRoutes } from './access/users/routes.js';
import { centresRoutes } from './centres/routes.js';
import type { AppContext } from './context.js';
import type { AppEnv } from './http/env.js';
import { onError } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { contextMiddleware } from './http/middleware.js';
import { notFound } from './http/not-found.js';
import { newRouter } from './http/router.js';
import { SplitRouter } from './http/split-router.js';
import { intakeRoutes } from './intake/routes.js';
import { marksUploadBody } from './marks/files.js';
import { marksRoutes } from './marks/routes.js';
import { marksAdminRoutes } from './marks/routes-admin.js';
import { marksAmendmentRoutes } from './marks/routes-amendments.js';
import { marksFileRoutes } from './marks/routes-files.js';
import { marksModerationRoutes } from './marks/routes-moderation.js';
import { marksSampleRoutes } from './marks/routes-sample.js';
import { queueRoutes } from './queue/routes.js';
import { reportsRoutes } from './reports/routes.js';
import { searchRoutes } from './search/routes.js';
import { webPages } from './web/routes.js';

const API_PREFIX = '/api/v1';

export interface AppOptions {
  /** Where `/docs` loads Swagger UI from: the Node server serves its own copy; default a CDN. */
  docsAssetsBase?: string;
  /** Slack and Teams routes (src/chat/routes.ts), built by the Node entry when chat is set up. */
  chat?: Hono<AppEnv>;
}

/** Builds the whole HTTP service from its dependencies; the same app serves Node, Workers and tests. */
export function createApp(ctx: AppContext, opts: AppOptions = {}) {
  // The centre users' routes put static segments beside `{id}`, which Hono's fastest router refuses
  // anywhere in an app; kept apart, every other route keeps it (see http/split-router.ts).
  const app = newRouter({ router: new SplitRouter(`${API_PREFIX}/centres/:number/users`) });
  app.use(contextMiddleware(ctx, [marksUploadBody(ctx.config)]));

  app.route('/', healthRoutes());
  // The pages for people (sign-in, the links in invite and reset mail, centre, profile): not in the API document.
  app.route('/', webPages());
  if (opts.chat) app.route('/', opts.chat);

  app.route(API_PREFIX, centresRoutes());
  // Before any `/centres/{number}/users/{id}` route, so `/users/summary.csv` is not taken for an id.
  app.route(API_PREFIX, hubRoutes());
  app.route(API_PREFIX, accessRoutes());
  // After the hub router: its /users/summary.csv must match before this router's /users/{id}.
  app.route(API_PREFIX, usersRoutes());
  app.route(API_PREFIX, intakeRoutes());
  app.route(API_PREFIX, queueRoutes());
  app.route(API_PREFIX, reportsRoutes());
  app.route(API_PREFIX, marksRoutes());
  app.route(API_PREFIX, marksAdminRoutes());
  app.route(API_PREFIX, marksSampleRoutes());
  app.route(API_PREFIX, marksModerationRoutes());
  app.route(API_PREFIX, marksFileRoutes());
  app.route(API_PREFIX, marksAmendmentRoutes());
  app.route(API_PREFIX, searchRoutes());

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
      description: `The centre support desk of ${ctx.config.ORG_NAME_EN} (${ctx.config.ORG_NAME_CY}), in Welsh and English. Answers are in \`?lang=\`, else the account’s language, else Accept-Language, else English.`,
    },
    servers: [{ url: '/' }],
  });
  app.get('/docs', swaggerUI({ url: `${API_PREFIX}/openapi.json`, baseUrl: opts.docsAssetsBase }));

  app.notFound(notFound(app));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
