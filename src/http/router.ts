import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Router } from 'hono/router';
import type { H, RouterRoute } from 'hono/types';
import type { z } from 'zod';
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

function refuse(issues: readonly z.core.$ZodIssue[]): never {
  throw new DomainError('validation_failed', {}, issuesToDetails(issues));
}

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
 * Path parameters are checked with the same zod schema, synchronously: the library's validator
 * parses asynchronously and awaits its hook, which cost a point lookup about 4% of its throughput
 * (bench `centre_lookup`), and a path parameter is never checked by anything asynchronous.
 */
function syncParams(schema: z.ZodType): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const checked = schema.safeParse(c.req.param());
    if (!checked.success) refuse(checked.error.issues);
    c.req.addValidatedData('param', checked.data as Record<string, unknown>);
    await next();
  };
}

/**
 * Every router in the service is made here, so every validation failure looks the same:
 * a 400 `validation_failed` naming each field, in the response language.
 */
export function newRouter(options: { router?: Router<[H, RouterRoute]> } = {}) {
  const app = new OpenAPIHono<AppEnv>({
    ...options,
    defaultHook: (result) => {
      if (!result.success) refuse(result.error.issues);
    },
  });
  const openapi = app.openapi;
  app.openapi = ((route, handler, hook) => {
    const shaped = withoutLangValidator(route);
    const params = shaped.request?.params;
    if (!params || hook) return openapi(shaped, handler, hook);
    // The document gets the route as written; the library, the route without its path schema.
    const { middleware: routeMiddleware, hide, ...documented } = shaped;
    if (!hide) app.openAPIRegistry.registerPath(documented);
    const { params: _checkedSynchronously, ...request } = shaped.request ?? {};
    const middleware = [...[routeMiddleware ?? []].flat(), syncParams(params as z.ZodType)];
    return openapi({ ...documented, request, middleware, hide: true } as Route, handler);
  }) as Openapi;
  return app;
}
