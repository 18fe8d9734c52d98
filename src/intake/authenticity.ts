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

/** The From domain, or a parent of it, signed: relaxed alignment (RFC 7489 §3.1.1), short of the PSL. */
const alignsWith = (from: string, signer: string) => from === signer || from.endsWith(`.${signer}`);

/**
 * A pass is DMARC's pass: a valid signature aligned with the From domain. A fail is a signature of
 * the From domain that does not verify (a body changed after signing, a key that is not published).
 * Anything else proves nothing either way: DMARC's "fail" for unsigned mail or another domain's
 * signature may be SPF's pass, which only the border MTA can see, so it stays unproven (`none`).
 */
function verdictOf(own: OwnVerification, fromDomain: string | null): Authentication {
  if (own.dmarc?.result === 'pass' || own.dkim.some((d) => d.result === 'pass' && d.aligned)) return 'pass';
  const from = fromDomain?.toLowerCase() ?? '';
  if (own.dkim.some((d) => d.result !== 'pass' && from && alignsWith(from, d.domain.toLowerCase())))
    return 'fail';
  return 'none';
}

// Nothing to verify without a signature or a seal: mailauth is not even loaded for such mail.
const SIGNED = /^(?:dkim-signature|arc-seal)$/;

async function verifyOwn(
  ctx: AppContext,
  msg: ParsedMessage,
  raw: Uint8Array,
): Promise<OwnVerification | null> {
  if (!ctx.mailVerifier) return null;
  if (!msg.headers.some((h) => SIGNED.test(h.name))) return { dkim: [], dmarc: null, arc: null };
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
  const own = raw ? await verifyOwn(ctx, msg, raw) : null;
  if (header !== 'none')
    return {
      authentication: header,
      evidence: { decided_by: 'trusted_header', trusted_header: header, own },
    };
  const verdict = own ? verdictOf(own, msg.from?.split('@')[1] ?? null) : 'none';
  return {
    authentication: verdict,
    evidence: { decided_by: verdict === 'none' ? null : 'own_verification', trusted_header: header, own },
  };
}
