// mailauth 4.x ships no types (5.x does, but needs Node 22): the parts cymorth and its tests use.
declare module 'mailauth' {
  type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;
  interface Status {
    result?: string;
    comment?: string;
    aligned?: string | boolean;
  }
  interface AuthenticateResult {
    dkim: { results?: { signingDomain?: string; selector?: string; status: Status }[] };
    dmarc: { domain?: string; policy?: string; status: Status } | false;
    arc: { i: number | false; status: Status } | false;
  }
  export function authenticate(
    input: Buffer | string,
    options: { resolver?: DnsResolver; mta?: string; disableBimi?: boolean; ip?: string; sender?: string },
  ): Promise<AuthenticateResult>;
  export function sealMessage(
    input: Buffer | string,
    seal: { signingDomain: string; selector: string; privateKey: string; authResults: string; cv: string },
  ): Promise<Buffer>;
}

declare module 'mailauth/lib/dkim/sign' {
  export function dkimSign(
    input: Buffer | string,
    options: { signatureData: { signingDomain: string; selector: string; privateKey: string }[] },
  ): Promise<{ signatures: string }>;
}
