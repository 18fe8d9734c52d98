import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Principal } from './principal.js';
import { findActiveToken } from './queries.js';
import { constantTimeEqual, hashToken } from './tokens.js';

export function displayName(a: { firstName: string; lastName: string; email: string }): string {
  const name = `${a.firstName} ${a.lastName}`.trim();
  return name ? `${name} <${a.email}>` : a.email;
}

/** Resolves a bearer token to its principal, or throws `unauthorized`. */
export async function authenticate(ctx: AppContext, authorization: string | undefined): Promise<Principal> {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) throw new DomainError('unauthorized');
  const hash = await hashToken(match[1]);
  const now = ctx.clock.now().getTime();
  const cached = ctx.principals?.get(hash, now);
  if (cached) return cached;
  const ticket = ctx.principals?.ticket() ?? 0;
  const principal = await lookUp(ctx, hash);
  ctx.principals?.set(hash, principal, now, ticket);
  return principal;
}

async function lookUp(ctx: AppContext, hash: string): Promise<Principal> {
  const row = await findActiveToken(ctx.db, hash);
  if (!row || !constantTimeEqual(row.tokenHash, hash)) throw new DomainError('unauthorized');
  const a = row;
  const base = { accountId: a.accountId, email: a.email, language: a.language, label: displayName(a) };
  if (a.kind === 'staff' && a.staffRole) return { kind: 'staff', staffRole: a.staffRole, ...base };
  if (a.kind === 'centre' && a.accountType && a.centreId !== null && row.centreNumber) {
    return {
      kind: 'centre',
      accountType: a.accountType,
      centreId: a.centreId,
      centreNumber: row.centreNumber,
      ...base,
    };
  }
  throw new DomainError('unauthorized');
}
