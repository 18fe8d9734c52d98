import { type KeyObject, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OAuth2 authorisation server of the test's own: a client-credentials token endpoint (RFC 6749
 * §4.4) and an introspection endpoint (RFC 7662) that Dovecot's oauth2 passdb and the test SMTP
 * server ask. Tokens can be revoked, as an expired one is refused, to test renewal mid-run.
 */
export async function startOAuth2Server(opts: {
  user: string;
  clientId: string;
  clientSecret: string;
  expiresIn?: number;
  /** A Google-style service account whose signed JWT (RFC 7523) is accepted instead of a secret. */
  serviceAccount?: { email: string; publicKey: KeyObject };
}) {
  const active = new Set<string>();
  let refuseAll = false;
  const issued: string[] = [];
  let next = 0;
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'POST' && req.url === '/token') {
      const ok =
        (form.get('grant_type') === 'client_credentials' &&
          form.get('client_id') === opts.clientId &&
          form.get('client_secret') === opts.clientSecret) ||
        (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
          validAssertion(form.get('assertion') ?? '', `${base}/token`));
      if (!ok)
        return json(401, { error: 'invalid_client', error_description: 'unknown client or bad secret' });
      next += 1;
      const token = `token-${next}-${Math.random().toString(36).slice(2)}`;
      active.add(token);
      issued.push(token);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: opts.expiresIn ?? 3600 });
    }
    if (req.method === 'POST' && req.url === '/introspect') {
      const token = form.get('token') ?? '';
      return json(
        200,
        active.has(token) && !refuseAll ? { active: true, username: opts.user } : { active: false },
      );
    }
    json(404, { error: 'not_found' });
  });
  /** Signed by the service account's key, for this endpoint, acting as the mailbox, and not expired. */
  function validAssertion(jwt: string, audience: string): boolean {
    const account = opts.serviceAccount;
    const [header = '', claims = '', signature = ''] = jwt.split('.');
    if (!account) return false;
    const signed = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${claims}`),
      account.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
    return (
      signed &&
      c.iss === account.email &&
      c.aud === audience &&
      c.sub === opts.user &&
      Number(c.exp) * 1000 > Date.now()
    );
  }
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    tokenUrl: `${base}/token`,
    introspectionUrl: `${base}/introspect`,
    issued,
    isActive: (token: string) => active.has(token),
    /** Every token issued so far stops working, as when they expire. */
    expireAll: () => active.clear(),
    /** The resource refuses every token, new ones too: as when the app has no access to the mailbox. */
    refuseEveryToken: () => {
      refuseAll = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
