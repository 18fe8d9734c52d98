import { z } from '@hono/zod-openapi';
import type { AccountRow, Grant } from '../../db/schema/index.js';
import { ACCOUNT_STATUSES, CENTRE_ACCOUNT_TYPES, GRANTS, HUB_ROLES } from '../../db/schema/index.js';

export const UserSchema = z
  .object({
    id: z.number().int().openapi({ example: 7 }),
    email: z.string().openapi({ example: 's.bowen@ysgolgwyr.cymru' }),
    first_name: z.string(),
    last_name: z.string(),
    title: z.string().nullable(),
    role_in_centre: z.string().nullable(),
    telephone: z.string().nullable(),
    language: z.enum(['en', 'cy']),
    account_type: z.enum(CENTRE_ACCOUNT_TYPES),
    hub_role: z.enum(HUB_ROLES).nullable(),
    status: z.enum(ACCOUNT_STATUSES),
    grants: z.array(z.enum(GRANTS)).openapi({ description: 'Effective grants: every one for eo and admin' }),
    centre_number: z.string().openapi({ example: '68123' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('CentreUser');

export type PresentedUser = z.infer<typeof UserSchema>;

export function presentUser(a: AccountRow, grants: readonly Grant[], centreNumber: string): PresentedUser {
  return {
    id: a.id,
    email: a.email,
    first_name: a.firstName,
    last_name: a.lastName,
    title: a.title,
    role_in_centre: a.jobTitle,
    telephone: a.telephone,
    language: a.language,
    account_type: a.accountType ?? 'user',
    hub_role: a.hubRole,
    status: a.status,
    grants: [...grants],
    centre_number: centreNumber,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}
