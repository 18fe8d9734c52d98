import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { auditInsert, diff } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { type AccountRow, accounts } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { LanguageField, Text, UkTelephone } from '../shared-schemas.js';

export const ProfileSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    kind: z.enum(['centre', 'staff']),
    account_type: z.enum(['eo', 'admin', 'user']).nullable(),
    staff_role: z.enum(['support', 'helpline', 'admin', 'moderator']).nullable(),
    centre_number: z.string().nullable(),
    title: z.string().nullable(),
    first_name: z.string(),
    last_name: z.string(),
    role_in_centre: z.string().nullable(),
    language: z.enum(['en', 'cy']),
    telephone: z.string().nullable(),
  })
  .openapi('Profile');

export const PatchProfileBody = z
  .strictObject({
    title: Text(20).nullable().optional().openapi({ example: 'Mrs' }),
    first_name: Text(100).optional().openapi({ example: 'Joanne' }),
    last_name: Text(100).optional().openapi({ example: 'Price' }),
    role_in_centre: Text(100).nullable().optional().openapi({ example: 'Swyddog Arholiadau' }),
    language: LanguageField.optional(),
    telephone: UkTelephone.nullable().optional(),
    email: z
      .string()
      .optional()
      .openapi({ description: 'Refused: ask your Centre Admin or the awarding body' }),
  })
  .refine((v) => Object.keys(v).length > 0, {
    params: { i18n: 'empty_patch' },
    when: (p) => !p.issues.length,
  })
  .openapi('PatchProfile');

async function load(ctx: AppContext, p: Principal): Promise<AccountRow> {
  const row = await ctx.db.select().from(accounts).where(eq(accounts.id, p.accountId)).get();
  if (!row) throw new DomainError('unauthorized');
  return row;
}

function present(a: AccountRow, centreNumber: string | null) {
  return {
    id: a.id,
    email: a.email,
    kind: a.kind,
    account_type: a.accountType,
    staff_role: a.staffRole,
    centre_number: centreNumber,
    title: a.title,
    first_name: a.firstName,
    last_name: a.lastName,
    role_in_centre: a.jobTitle,
    language: a.language,
    telephone: a.telephone,
  };
}

const centreNumberOf = (p: Principal) => (p.kind === 'centre' ? p.centreNumber : null);

export async function getProfile(ctx: AppContext, p: Principal) {
  return present(await load(ctx, p), centreNumberOf(p));
}

/** SPEC 2.2: nobody changes their own email here; that is a request to the awarding body. */
export async function updateProfile(ctx: AppContext, p: Principal, input: z.infer<typeof PatchProfileBody>) {
  if (input.email !== undefined)
    throw new DomainError(
      'own_email_change',
      p.kind === 'staff'
        ? { context: 'staff' }
        : p.accountType === 'eo'
          ? { context: 'eo', number: p.centreNumber }
          : {},
    );
  const account = await load(ctx, p);
  const change = diff(account as unknown as Record<string, unknown>, {
    title: input.title,
    firstName: input.first_name,
    lastName: input.last_name,
    jobTitle: input.role_in_centre,
    language: input.language,
    telephone: input.telephone,
  });
  if (!change.changed) return present(account, centreNumberOf(p));
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db
      .update(accounts)
      .set({ ...change.after, updatedAt: now })
      .where(eq(accounts.id, account.id)),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'account',
      entityId: account.id,
      centreId: account.centreId,
      action: 'profile_update',
      before: change.before,
      after: change.after,
    }),
  ]);
  return present({ ...account, ...change.after } as AccountRow, centreNumberOf(p));
}
