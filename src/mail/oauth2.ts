import { type Config, oauth2Credentials } from '../config.js';

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

// Renew this long before the expiry the server gave (or half the lifetime, for short-lived tokens).
const MARGIN_MS = 60_000;

export class TokenError extends Error {}

export function clientCredentialsTokens(creds: ClientCredentials, now: () => number = Date.now): TokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const res = await fetch(creds.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: creds.clientId,
        client_secret: creds.clientSecret,
        scope: creds.scope,
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof body.access_token !== 'string') {
      const why = body.error_description ?? body.error ?? `HTTP ${res.status}`;
      throw new TokenError(`OAuth2 token endpoint ${creds.tokenUrl} refused the client: ${String(why)}`);
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

/** The client-credentials token source the OAUTH2_* settings describe (checked present at start-up). */
export function oauth2Tokens(config: Config) {
  const creds = oauth2Credentials(config);
  if (!creds)
    throw new Error('OAUTH2_TOKEN_URL, OAUTH2_CLIENT_ID and OAUTH2_CLIENT_SECRET are required for oauth2');
  return clientCredentialsTokens(creds);
}
