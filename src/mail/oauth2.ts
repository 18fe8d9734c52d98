import { sign } from 'node:crypto';
import type { Config } from '../config.js';

/**
 * OAuth 2.0 access tokens for the mailbox (IMAP) and for sending (SMTP), by the client-credentials
 * grant (RFC 6749 §4.4) against a configurable token endpoint: Microsoft's
 * `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`, or any server that speaks it.
 */
export interface TokenSource {
  /** A token that is still good, fetched only when the cached one is missing or about to expire. */
  token(): Promise<string>;
  /** A new token, whatever the cache holds: the server refused the last one. */
  renew(): Promise<string>;
}

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

/**
 * A Google service account with domain-wide delegation: the client proves itself with a JWT signed
 * by its private key (RFC 7523), asking for a token that acts as `subject`, the mailbox.
 */
export interface ServiceAccount {
  tokenUrl: string;
  clientEmail: string;
  privateKey: string;
  scope: string;
  subject: string;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function jwtAssertion(account: ServiceAccount, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iss: account.clientEmail,
      sub: account.subject,
      scope: account.scope,
      aud: account.tokenUrl,
      iat,
      exp: iat + 3600,
    }),
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), account.privateKey);
  return `${header}.${claims}.${base64url(signature)}`;
}

// Renew this long before the expiry the server gave (or half the lifetime, for short-lived tokens).
const MARGIN_MS = 60_000;

export class TokenError extends Error {}

export const clientCredentialsTokens = (creds: ClientCredentials, now: () => number = Date.now) =>
  tokenSource(
    creds.tokenUrl,
    () =>
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: creds.clientId,
        client_secret: creds.clientSecret,
        scope: creds.scope,
      }),
    now,
  );

export const serviceAccountTokens = (account: ServiceAccount, now: () => number = Date.now) =>
  tokenSource(
    account.tokenUrl,
    () =>
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwtAssertion(account, now()),
      }),
    now,
  );

/** Tokens from one endpoint, cached until shortly before they expire; `form` is the grant's request. */
function tokenSource(tokenUrl: string, form: () => URLSearchParams, now: () => number): TokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form(),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof body.access_token !== 'string') {
      const why = body.error_description ?? body.error ?? `HTTP ${res.status}`;
      throw new TokenError(`OAuth2 token endpoint ${tokenUrl} refused the client: ${String(why)}`);
    }
    const lifetimeMs = Number(body.expires_in ?? 3600) * 1000;
    cached = { token: body.access_token, renewAt: now() + lifetimeMs - Math.min(MARGIN_MS, lifetimeMs / 2) };
    return body.access_token;
  }

  // Callers at the same moment share one request to the endpoint.
  const once = () => {
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    async token() {
      if (cached && now() < cached.renewAt) return cached.token;
      return once();
    },
    renew() {
      cached = undefined;
      return once();
    },
  };
}

/** The token source the OAUTH2_* settings describe (checked complete at start-up), for one mailbox. */
export function oauth2Tokens(config: Config, mailbox: string): TokenSource {
  const { OAUTH2_TOKEN_URL: tokenUrl = '', OAUTH2_CLIENT_ID: clientId = '', OAUTH2_SCOPE: scope } = config;
  return config.OAUTH2_GRANT === 'service_account'
    ? serviceAccountTokens({
        tokenUrl,
        clientEmail: clientId,
        privateKey: config.OAUTH2_PRIVATE_KEY ?? '',
        scope,
        subject: mailbox,
      })
    : clientCredentialsTokens({ tokenUrl, clientId, clientSecret: config.OAUTH2_CLIENT_SECRET ?? '', scope });
}
