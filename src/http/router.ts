import { OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '../errors.js';
import type { AppEnv } from './env.js';
import { requireAuth } from './middleware.js';
import { LangQuery } from './openapi.js';
import { issuesToDetails } from './validation.js';

/** `?lang=` as the OpenAPI document describes it on every route whose only query parameter it is. */
const LANG_PARAMETER = {
  name: 'lang',
  in: 'query',
  required: false,
  description: LangQuery.shape.lang.description,
  schema: { type: 'string', enum: ['en', 'cy'] },
} as const;

type Openapi = OpenAPIHono<AppEnv>['openapi'];
type Route = Parameters<Openapi>[0];

/**
 * An authenticated route whose only query parameter is `?lang=` gets no query validator of its own:
 * `requireAuth` checks `?lang=` already (http/middleware.ts), and each validator is one more link in
 * Hono's middleware chain on most reads (bench `centre_lookup`). The parameter stays documented.
 */
function withoutLangValidator(route: Route): Route {
  const middleware = [route.middleware ?? []].flat();
  if (route.request?.query !== LangQuery || !middleware.includes(requireAuth)) return route;
  const { query: _checkedForEveryRequest, ...request } = route.request;
  return { ...route, request, parameters: [...(route.parameters ?? []), LANG_PARAMETER] } as Route;
}

/**
 * Every router in the service is made here, so every validation failure looks the same:
 * a 400 `validation_failed` naming each field, in the response language.
 */
export function newRouter() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new DomainError('validation_failed', {}, issuesToDetails(result.error.issues));
    },
  });
  const openapi = app.openapi;
  app.openapi = ((route, handler, hook) => openapi(withoutLangValidator(route), handler, hook)) as Openapi;
  return app;
}
