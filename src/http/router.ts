import { OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '../errors.js';
import type { AppEnv } from './env.js';
import { issuesToDetails } from './validation.js';

/**
 * Every router in the service is made here, so every validation failure looks the same:
 * a 400 `validation_failed` naming each field, in the response language.
 */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new DomainError('validation_failed', {}, issuesToDetails(result.error.issues));
    },
  });
}
