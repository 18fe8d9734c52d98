import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuth } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses, jsonContent, LangQuery } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { acceptInvite } from './accept-invite.js';
import { getProfile, PatchProfileBody, ProfileSchema, updateProfile } from './profile.js';

const getMe = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Profile'],
  summary: 'Your own profile',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { query: LangQuery },
  responses: { 200: jsonContent(ProfileSchema, 'Your profile'), ...errorResponses },
});

const patchMe = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['Profile'],
  summary: 'Edit your own profile (never your email)',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    query: LangQuery,
    body: {
      required: true,
      content: { 'application/json': { schema: PatchProfileBody, example: { title: 'Dr', language: 'cy' } } },
    },
  },
  responses: { 200: jsonContent(ProfileSchema, 'Your profile after the change'), ...errorResponses },
});

const accept = createRoute({
  method: 'post',
  path: '/invites/{token}/accept',
  tags: ['Profile'],
  summary: 'Spend a one-time invite or reset link; answers the account’s first API token',
  request: { params: z.object({ token: z.string().min(10).max(200) }), query: LangQuery },
  responses: {
    200: jsonContent(
      z.object({ token: z.string(), account_id: z.number().int(), email: z.string() }),
      'The new API token, shown once',
    ),
    410: errorJson('The link was used already, has expired (7 days), or was replaced by a re-sent invite'),
    ...errorResponses,
  },
});

export function accessRoutes() {
  return newRouter()
    .openapi(getMe, async (c) => c.json(await getProfile(c.get('ctx'), principalOf(c)), 200))
    .openapi(patchMe, async (c) =>
      c.json(await updateProfile(c.get('ctx'), principalOf(c), c.req.valid('json')), 200),
    )
    .openapi(accept, async (c) => c.json(await acceptInvite(c.get('ctx'), c.req.valid('param').token), 200));
}
