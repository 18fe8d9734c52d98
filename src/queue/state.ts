import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { displayName } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { requests } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { findAccount, findRequest, OPEN_STATUSES, type RequestRow } from './queries.js';
import { normaliseReference } from './rules.js';

/** The request a person named, however they typed its reference (see normaliseReference). */
export async function requireRequest(ctx: AppContext, reference: string): Promise<RequestRow> {
  const request = await findRequest(ctx.db, normaliseReference(reference));
  if (!request) throw new DomainError('request_not_found', { reference: reference.trim() });
  return request;
}

export const isOpen = (r: Pick<RequestRow, 'status'>) =>
  (OPEN_STATUSES as readonly string[]).includes(r.status);

export async function holderLabel(ctx: AppContext, accountId: number): Promise<string> {
  const account = await findAccount(ctx.db, accountId);
  return account ? displayName(account) : `#${accountId}`;
}

/** Throws unless the request is open and claimed by this caller: claim first, then work. */
export async function assertHeldBy(ctx: AppContext, r: RequestRow, accountId: number): Promise<void> {
  if (!isOpen(r)) throw new DomainError('request_closed', { reference: r.reference });
  if (r.assigneeId === null || r.status !== 'in_verification')
    throw new DomainError('not_claimed', { reference: r.reference });
  if (r.assigneeId !== accountId)
    throw new DomainError('request_claimed', {
      reference: r.reference,
      holder: await holderLabel(ctx, r.assigneeId),
    });
}

/** SQL twin of assertHeldBy, for the guard in the batch. */
export const heldBySql = (accountId: number): SQL =>
  and(eq(requests.status, 'in_verification'), eq(requests.assigneeId, accountId)) as SQL;

export const openSql = (): SQL => inArray(requests.status, [...OPEN_STATUSES]);

/** After a guard tripped: re-read, and throw whatever now stands in the way. */
export function explainHeld(ctx: AppContext, reference: string, p: Principal) {
  return async (): Promise<never> => {
    const fresh = await requireRequest(ctx, reference);
    await assertHeldBy(ctx, fresh, p.accountId);
    throw new DomainError('request_closed', { reference });
  };
}
