import { lazy } from '../lazy.js';
import type { DnsLookup } from './resolver.js';

const loadMailauth = lazy(() => import('mailauth'));

/** What the message itself proves, verified by us on the raw bytes as stored. */
export interface OwnVerification {
  /** Each DKIM signature: who signed, and whether it verified (`pass`, `fail`, `neutral`, `temperror`…). */
  dkim: { domain: string; selector: string | null; result: string; why: string | null; aligned: boolean }[];
  /** DMARC for the From domain, from the DKIM results (SPF needs the connection, which we do not see). */
  dmarc: { domain: string; result: string; policy: string | null } | null;
  /** The ARC chain, where the message carries one: its result and how many hops sealed it. */
  arc: { result: string; instances: number } | null;
}

export interface MailVerifier {
  verify(raw: Uint8Array): Promise<OwnVerification>;
}

const resultOf = (status: unknown) => String((status as { result?: string } | undefined)?.result ?? 'none');

/** DKIM, DMARC and ARC with mailauth, every DNS lookup through the given resolver. */
export function createMailVerifier(options: { resolver: DnsLookup; authservId: string }): MailVerifier {
  return {
    async verify(raw) {
      const { authenticate } = await loadMailauth();
      const result = await authenticate(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
        resolver: options.resolver,
        mta: options.authservId,
        disableBimi: true,
      });
      const dmarc = result.dmarc || null;
      const arc = result.arc || null;
      return {
        dkim: (result.dkim.results ?? [])
          .filter((r) => r.signingDomain)
          .map((r) => ({
            domain: r.signingDomain ?? '',
            selector: r.selector ?? null,
            result: resultOf(r.status),
            why: r.status.comment ?? null,
            aligned: Boolean(r.status.aligned),
          })),
        dmarc: dmarc
          ? {
              domain: String(dmarc.domain ?? ''),
              result: resultOf(dmarc.status),
              policy: dmarc.policy ?? null,
            }
          : null,
        arc: arc?.i ? { result: resultOf(arc.status), instances: Number(arc.i) } : null,
      };
    },
  };
}
