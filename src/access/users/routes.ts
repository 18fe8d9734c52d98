import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CentreParams } from '../../centres/schema.js';
import { DomainError } from '../../errors.js';
import { emptyBodyIsNone } from '../../http/empty-body.js';
import type { AppEnv } from '../../http/env.js';
import { principalOf, requireAuth } from '../../http/middleware.js';
import {
  bearerSecurity,
  errorJson,
  errorResponses,
  jsonContent,
  LangQuery,
  paginated,
} from '../../http/openapi.js';
import { newRouter } from '../../http/router.js';
import { assertManage, usersAccess } from '../policy.js';
import { setAccess } from './access.js';
import { amendUser } from './amend.js';
import { BULK_MODES, bulkInvite } from './bulk.js';
import { readUpload, XLSX_TYPE } from './bulk-parse.js';
import { BulkReportSchema, presentBulkReport } from './bulk-present.js';
import { deleteUser } from './delete.js';
import { UserSchema } from './present.js';
import { sendPasswordReset } from './reset.js';
import { AccessBody, DeleteBody, InviteBody, ListUsersQuery, PatchUserBody, UserParams } from './schema.js';
import { getUser, InvitedUserSchema, inviteUser, listUsers, resendInvite } from './service.js';
import { BULK_COLUMNS, templateCsv, templateXlsx } from './template.js';

const tags = ['Centre users'];

const list = createRoute({
  method: 'get',
  path: '/centres/{number}/users',
  tags,
  summary: "A centre's accounts, filtered and paginated (Centre Admin, user_accounts holders, staff)",
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: CentreParams, query: ListUsersQuery },
  responses: { 200: jsonContent(paginated(UserSchema), 'Matching accounts'), ...errorResponses },
});

const columnsHelp = `Columns: ${BULK_COLUMNS.join(', ')}. The XLSX template has a second sheet explaining each column in Welsh and English.`;

const templateCsvRoute = createRoute({
  method: 'get',
  path: '/centres/{number}/users/template.csv',
  tags,
  summary: 'The bulk upload template as CSV (header row only)',
  description: `${columnsHelp} The CSV carries only the header row: comment lines are not CSV and would be read as data.`,
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: CentreParams, query: LangQuery },
  responses: {
    200: { description: 'The template', content: { 'text/csv': { schema: { type: 'string' } } } },
    ...errorResponses,
  },
});

const templateXlsxRoute = createRoute({
  method: 'get',
  path: '/centres/{number}/users/template.xlsx',
  tags,
  summary: 'The bulk upload template as XLSX, with a bilingual help sheet',
  description: columnsHelp,
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: CentreParams, query: LangQuery },
  responses: {
    200: {
      description: 'The template',
      content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
    },
    ...errorResponses,
  },
});

const bulk = createRoute({
  method: 'post',
  path: '/centres/{number}/users/bulk',
  tags,
  summary: 'Invite many users from the CSV or XLSX template',
  description:
    'Send the file as the multipart field `file`, or as the body with its content type. Every row is checked. `all-or-nothing` (default) applies nothing while any row is bad and answers 422 naming each bad row; `valid-only` applies the good rows in one atomic write and reports every row. Cells starting with =, +, -, @, tab or carriage return are refused.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: CentreParams,
    query: LangQuery.extend({ mode: z.enum(BULK_MODES).default('all-or-nothing') }),
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file: { type: 'string', format: 'binary' } },
            required: ['file'],
          },
        },
        'text/csv': { schema: { type: 'string' } },
        [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
      },
    },
  },
  responses: {
    201: jsonContent(BulkReportSchema, 'What was created, row by row'),
    409: errorJson('An address was registered while the upload was being written; nothing applied'),
    422: errorJson('all-or-nothing: some rows are bad, nothing applied; or the file is unreadable'),
    ...errorResponses,
  },
});

const get = createRoute({
  method: 'get',
  path: '/centres/{number}/users/{id}',
  tags,
  summary: 'One account (any account may read its own)',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: UserParams, query: LangQuery },
  responses: { 200: jsonContent(UserSchema, 'The account'), ...errorResponses },
});

const invite = createRoute({
  method: 'post',
  path: '/centres/{number}/users',
  tags,
  summary: 'Invite a user: the account starts invited and a one-time link is mailed in their language',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: CentreParams,
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: InviteBody,
          example: {
            first_name: 'Siân',
            last_name: 'Bowen',
            email: 's.bowen@ysgolgwyr.cymru',
            language: 'cy',
            account_type: 'user',
            grants: ['iamis'],
            hub_role: 'INV',
          },
        },
      },
    },
  },
  responses: {
    201: jsonContent(InvitedUserSchema, 'The invited account'),
    409: errorJson('The email is already used by another account, anywhere in the service'),
    ...errorResponses,
  },
});

const resend = createRoute({
  method: 'post',
  path: '/centres/{number}/users/{id}/invite',
  tags,
  summary: 'Send the invite again: a new link; earlier links stop working',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: UserParams, query: LangQuery },
  responses: {
    200: jsonContent(InvitedUserSchema, 'The account, with the new link’s expiry'),
    409: errorJson('The account has already accepted'),
    ...errorResponses,
  },
});

const reset = createRoute({
  method: 'post',
  path: '/centres/{number}/users/{id}/reset',
  tags,
  summary: 'Send a password reset link (the Centre Admin or staff support/admin)',
  description:
    'For an account that lost its password or authenticator app: a one-time link, valid 7 days, mailed in the account’s language; earlier links stop working.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { params: UserParams, query: LangQuery },
  responses: {
    200: jsonContent(InvitedUserSchema, 'The account, with the link’s expiry'),
    ...errorResponses,
  },
});

const access = createRoute({
  method: 'put',
  path: '/centres/{number}/users/{id}/access',
  tags,
  summary: "Set an account's grants (only within the grants you hold; never add to your own)",
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: UserParams,
    query: LangQuery,
    body: {
      required: true,
      content: { 'application/json': { schema: AccessBody, example: { grants: ['iamis', 'results'] } } },
    },
  },
  responses: {
    200: jsonContent(UserSchema, 'The account with its grants'),
    422: errorJson('eo and admin accounts hold every grant by their type'),
    ...errorResponses,
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/centres/{number}/users/{id}',
  tags,
  summary: 'Amend an account: details, language, type, Hub role, and (Centre Admin only) email',
  description:
    'A changed email is the new login: the account’s tokens end and a one-time link goes to the new address. Nobody changes their own email here.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: {
    params: UserParams,
    query: LangQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: PatchUserBody,
          example: { role_in_centre: 'Exams Assistant', hub_role: 'EO' },
        },
      },
    },
  },
  responses: {
    200: jsonContent(UserSchema, 'The account after the change'),
    409: errorJson('Email in use, or the EO account’s email or type'),
    ...errorResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/centres/{number}/users/{id}',
  tags,
  summary: 'Delete an account for good (Centre Admin or staff), confirmed with DELETE or DILEU',
  security: bearerSecurity,
  middleware: [requireAuth, emptyBodyIsNone] as const,
  request: {
    params: UserParams,
    query: LangQuery,
    body: {
      required: false,
      content: { 'application/json': { schema: DeleteBody, example: { confirm: 'DELETE' } } },
    },
  },
  responses: {
    200: jsonContent(
      z.object({
        id: z.number().int(),
        email: z.string(),
        status: z.literal('deleted'),
        deleted_at: z.string(),
        deleted_by: z.string(),
      }),
      'The account is deleted; its tokens have ended',
    ),
    409: errorJson('The EO account cannot be deleted: change the EO instead'),
    422: errorJson('The confirmation word is missing or wrong'),
    ...errorResponses,
  },
});

async function uploadOf(c: Context<AppEnv>) {
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    const form = await c.req.parseBody().catch((err: unknown) => {
      // The body limit's refusal comes through here too, and keeps its own code.
      throw err instanceof DomainError ? err : new DomainError('malformed_form');
    });
    const file = form.file;
    if (!(file instanceof File)) throw new DomainError('bulk_unsupported_file');
    return readUpload(new Uint8Array(await file.arrayBuffer()), file.type, file.name);
  }
  return readUpload(new Uint8Array(await c.req.arrayBuffer()), type);
}

export function usersRoutes() {
  return newRouter()
    .openapi(list, async (c) =>
      c.json(
        await listUsers(c.get('ctx'), principalOf(c), c.req.valid('param').number, c.req.valid('query')),
        200,
      ),
    )
    .openapi(templateCsvRoute, async (c) => {
      assertManage(await usersAccess(c.get('ctx'), principalOf(c), c.req.valid('param').number));
      return c.body(templateCsv(), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="users-template.csv"',
      });
    })
    .openapi(templateXlsxRoute, async (c) => {
      assertManage(await usersAccess(c.get('ctx'), principalOf(c), c.req.valid('param').number));
      return c.body(new Uint8Array(await templateXlsx()), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': 'attachment; filename="users-template.xlsx"',
      });
    })
    .openapi(bulk, async (c) => {
      const { number } = c.req.valid('param');
      const report = await bulkInvite(
        c.get('ctx'),
        principalOf(c),
        number,
        () => uploadOf(c),
        c.req.valid('query').mode,
      );
      return c.json(presentBulkReport(report, c.get('t')), 201);
    })
    .openapi(reset, async (c) => {
      const { number, id } = c.req.valid('param');
      return c.json(await sendPasswordReset(c.get('ctx'), principalOf(c), number, id), 200);
    })
    .openapi(invite, async (c) =>
      c.json(
        await inviteUser(c.get('ctx'), principalOf(c), c.req.valid('param').number, c.req.valid('json')),
        201,
      ),
    )
    .openapi(get, async (c) => {
      const { number, id } = c.req.valid('param');
      return c.json(await getUser(c.get('ctx'), principalOf(c), number, id), 200);
    })
    .openapi(resend, async (c) => {
      const { number, id } = c.req.valid('param');
      return c.json(await resendInvite(c.get('ctx'), principalOf(c), number, id), 200);
    })
    .openapi(access, async (c) => {
      const { number, id } = c.req.valid('param');
      return c.json(
        await setAccess(c.get('ctx'), principalOf(c), number, id, c.req.valid('json').grants),
        200,
      );
    })
    .openapi(patch, async (c) => {
      const { number, id } = c.req.valid('param');
      return c.json(await amendUser(c.get('ctx'), principalOf(c), number, id, c.req.valid('json')), 200);
    })
    .openapi(remove, async (c) => {
      const { number, id } = c.req.valid('param');
      const body = (c.req.valid('json') ?? {}) as z.infer<typeof DeleteBody>;
      return c.json(await deleteUser(c.get('ctx'), principalOf(c), number, id, body.confirm), 200);
    });
}
