import { z } from '@hono/zod-openapi';
import { CentreParams } from '../../centres/schema.js';
import { ACCOUNT_STATUSES, CENTRE_ACCOUNT_TYPES, GRANTS, HUB_ROLES } from '../../db/schema/index.js';
import { LangQuery, PaginationQuery } from '../../http/openapi.js';
import { Email, LanguageField, Text, UkTelephone } from '../../shared-schemas.js';

const GrantField = z.enum(GRANTS).openapi({ example: 'iamis' });
export const HubRoleField = z.enum(HUB_ROLES).openapi({ example: 'INV' });
/** Accounts made here are `admin` or `user`: a centre has one `eo`, which follows the centre's EO details. */
export const InviteAccountType = z.enum(['admin', 'user']).openapi({ example: 'user' });

export const UserParams = CentreParams.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 7 }),
});

export const ListUsersQuery = PaginationQuery.extend(LangQuery.shape).extend({
  account_type: z.enum(CENTRE_ACCOUNT_TYPES).optional(),
  grant: GrantField.optional(),
  hub_role: HubRoleField.optional(),
  status: z
    .enum(ACCOUNT_STATUSES)
    .optional()
    .openapi({ description: 'Without it, every account that is not deleted' }),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Part of a name or email, ignoring case and accents', example: 'sian' }),
});
export type ListUsersInput = z.infer<typeof ListUsersQuery>;

export const InviteBody = z
  .strictObject({
    first_name: Text(100).openapi({ example: 'Siân' }),
    last_name: Text(100).openapi({ example: 'Bowen' }),
    email: Email.openapi({ example: 's.bowen@ysgolgwyr.cymru' }),
    language: LanguageField,
    account_type: InviteAccountType,
    grants: z.array(GrantField).max(GRANTS.length).optional(),
    hub_role: HubRoleField.nullable().optional(),
    role_in_centre: Text(100).nullable().optional().openapi({ example: 'Athro Mathemateg' }),
    telephone: UkTelephone.nullable().optional(),
  })
  .openapi('InviteUser');
export type InviteInput = z.infer<typeof InviteBody>;

export const AccessBody = z
  .strictObject({ grants: z.array(GrantField).max(GRANTS.length) })
  .openapi('UserAccess');

export const PatchUserBody = z
  .strictObject({
    title: Text(20).nullable().optional(),
    first_name: Text(100).optional(),
    last_name: Text(100).optional(),
    role_in_centre: Text(100).nullable().optional().openapi({ example: 'Exams Assistant' }),
    telephone: UkTelephone.nullable().optional(),
    language: LanguageField.optional(),
    account_type: InviteAccountType.optional(),
    hub_role: HubRoleField.nullable().optional(),
    email: Email.optional().openapi({
      description:
        "Only the centre's EO or Admin, or staff; never your own. The new address is the new login.",
    }),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { i18n: 'empty_patch' } })
  .openapi('PatchUser');
export type PatchUserInput = z.infer<typeof PatchUserBody>;

export const DeleteBody = z
  .object({
    confirm: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: 'DELETE (or DILEU): deletion cannot be undone', example: 'DELETE' }),
  })
  .openapi('DeleteUser');

export const DELETE_WORDS = ['DELETE', 'DILEU'] as const;
