import { findCentreByNumber } from '../../../src/centres/queries.js';
import { accounts, type HUB_ROLES } from '../../../src/db/schema/index.js';
import type { Harness } from '../../support/harness.js';

/** A centre `user` made straight in the database (the invite flow is tested elsewhere), with a token. */
export async function addUser(
  h: Harness,
  input: { email: string; firstName: string; lastName: string; hubRole: (typeof HUB_ROLES)[number] | null },
  centre = '68123',
) {
  const now = h.clock.now();
  const found = await findCentreByNumber(h.ctx.db, centre);
  if (!found) throw new Error(`no centre ${centre}`);
  const [row] = await h.ctx.db
    .insert(accounts)
    .values({
      kind: 'centre',
      centreId: found.id,
      accountType: 'user',
      email: input.email,
      emailKey: input.email.toLowerCase(),
      firstName: input.firstName,
      lastName: input.lastName,
      hubRole: input.hubRole,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('account not created');
  const token = await h.makeToken({ role: 'user', centre, email: input.email });
  return { id: row.id, token };
}
