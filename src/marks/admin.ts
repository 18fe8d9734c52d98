import { eq } from 'drizzle-orm';
import type { Actor } from '../audit/record.js';
import { auditInsert } from '../audit/record.js';
import { actorOf, assertStaff } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import { findCentreByNumber, findLiveAccountByEmailKey } from '../centres/queries.js';
import { emailKey } from '../centres/service.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { marksheets } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { importEntries, importUnits } from './import.js';
import { findSheet } from './queries.js';

/** Staff admin's imports through the API: the same functions as `cymorth import units|entries`. */
/** The body is read only once the caller is known to be allowed to send one. */
export async function importUnitsAs(ctx: AppContext, p: Principal, read: () => Promise<Uint8Array>) {
  assertStaff(p, 'admin');
  return importUnits(ctx, actorOf(p), await read());
}

export async function importEntriesAs(ctx: AppContext, p: Principal, read: () => Promise<Uint8Array>) {
  assertStaff(p, 'admin');
  return importEntries(ctx, actorOf(p), await read());
}

/** Appoints a staff moderator to a unit at a centre (or, with email null, removes the appointment). */
export async function assignModerator(
  ctx: AppContext,
  actor: Actor,
  input: { centre: string; unit: number; email: string | null },
) {
  // Staff only (the route and the CLI): an unknown number is simply not found.
  const centre = await findCentreByNumber(ctx.db, input.centre);
  if (!centre) throw new DomainError('centre_not_found', { number: input.centre });
  const found = await findSheet(ctx.db, input.unit, centre.id);
  if (!found) throw new DomainError('unit_not_found', { unit: input.unit, number: input.centre });
  let moderatorId: number | null = null;
  if (input.email !== null) {
    const account = await findLiveAccountByEmailKey(ctx.db, emailKey(input.email));
    if (account?.kind !== 'staff' || account.staffRole !== 'moderator')
      throw new DomainError('not_a_moderator', { email: input.email });
    moderatorId = account.id;
  }
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db.update(marksheets).set({ moderatorId, updatedAt: now }).where(eq(marksheets.id, found.sheet.id)),
    auditInsert(ctx.db, actor, now, {
      entity: 'marksheet',
      entityId: found.sheet.id,
      centreId: centre.id,
      action: 'assign_moderator',
      before: { moderator_id: found.sheet.moderatorId },
      after: { moderator_id: moderatorId, email: input.email },
    }),
  ]);
  return { unit: input.unit, centre: input.centre, moderator: input.email };
}

export async function assignModeratorAs(
  ctx: AppContext,
  p: Principal,
  input: { centre: string; unit: number; email: string | null },
) {
  assertStaff(p, 'admin');
  return assignModerator(ctx, actorOf(p), input);
}
