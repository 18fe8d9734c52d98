import { isSealed } from '../../auth/secret-box.js';
import type { AppContext } from '../../context.js';

/** What a sealed secret is bound to: its account's authenticator, so it opens on no other row. */
const boundTo = (accountId: number) => `totp:${accountId}`;

/** An authenticator secret as the database keeps it: sealed, unless the context has no key. */
export function sealTotp(ctx: AppContext, accountId: number, plain: string): Promise<string> {
  return ctx.secrets ? ctx.secrets.seal(plain, boundTo(accountId)) : Promise.resolve(plain);
}

/** The secret behind a stored value; one stored before sealing began is read as it is. */
export async function openTotp(ctx: AppContext, accountId: number, stored: string): Promise<string> {
  if (!isSealed(stored)) return stored;
  if (!ctx.secrets) throw new Error('a sealed authenticator secret needs SECRET_KEY to be read');
  try {
    return await ctx.secrets.open(stored, boundTo(accountId));
  } catch (err) {
    throw new Error(
      `the authenticator secret of account ${accountId} does not open with this key (SECRET_KEY, or DATA_DIR/secret.key)`,
      { cause: err },
    );
  }
}

/** A stored value kept from before sealing began, which a key is now there to seal. */
export const unsealed = (ctx: AppContext, stored: string) => ctx.secrets !== undefined && !isSealed(stored);
