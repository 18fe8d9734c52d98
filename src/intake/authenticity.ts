import type { AppContext } from '../context.js';
import type { OwnVerification } from '../mail-auth/verifier.js';
import { authenticationOf } from './auth-results.js';
import { headerValues, type ParsedMessage } from './parse.js';
import type { Authentication } from './result.js';

/** Which proof decided a message's authentication, and what each said: stored with the message for staff. */
export interface AuthEvidence {
  decided_by: 'trusted_header' | 'own_verification' | null;
  /** Our border MTA's Authentication-Results (SPF, DKIM, DMARC as it saw them at the connection). */
  trusted_header: Authentication;
  /** Our own DKIM, DMARC and ARC verification of the stored message; null where it did not run. */
  own: OwnVerification | null;
}

/** DMARC's verdict when there is one; otherwise an aligned DKIM pass proves, and a broken signature fails. */
function verdictOf(own: OwnVerification): Authentication {
  if (own.dmarc?.result === 'pass') return 'pass';
  if (own.dmarc?.result === 'fail') return 'fail';
  if (own.dkim.some((d) => d.result === 'pass' && d.aligned)) return 'pass';
  if (own.dkim.some((d) => d.result === 'fail')) return 'fail';
  return 'none';
}

async function verifyOwn(ctx: AppContext, raw: Uint8Array): Promise<OwnVerification | null> {
  if (!ctx.mailVerifier) return null;
  try {
    return await ctx.mailVerifier.verify(raw);
  } catch (err) {
    ctx.logger.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'intake: signature check failed',
    );
    return null;
  }
}

/**
 * Is the sender who they say? Our border MTA's header is believed first (it saw the connection, so
 * SPF too); where it says nothing, the DKIM signatures and the From domain's DMARC policy that we
 * verify ourselves on the stored bytes decide. Both are kept, with which one decided.
 */
export async function authenticityOf(
  ctx: AppContext,
  msg: ParsedMessage,
  raw: Uint8Array | null,
): Promise<{ authentication: Authentication; evidence: AuthEvidence }> {
  const header = authenticationOf(headerValues(msg, 'authentication-results'), ctx.config.MAIL_AUTHSERV_ID);
  const own = raw ? await verifyOwn(ctx, raw) : null;
  if (header !== 'none')
    return {
      authentication: header,
      evidence: { decided_by: 'trusted_header', trusted_header: header, own },
    };
  const verdict = own ? verdictOf(own) : 'none';
  return {
    authentication: verdict,
    evidence: { decided_by: verdict === 'none' ? null : 'own_verification', trusted_header: header, own },
  };
}
