import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { clientCredentialsTokens, oauth2Tokens } from '../../src/mail/oauth2.js';
import { startOAuth2Server } from '../support/oauth2-server.js';

const CLIENT = { clientId: 'cymorth', clientSecret: 'cyfrinach' };
let oauth: Awaited<ReturnType<typeof startOAuth2Server>>;
beforeAll(async () => {
  // Tokens that live ten minutes, as short-lived tokens do.
  oauth = await startOAuth2Server({ user: 'centres@cymorth.test', expiresIn: 600, ...CLIENT });
});
afterAll(() => oauth.close());

describe('client-credentials tokens', () => {
  it('reuses a token until a minute before it expires, then fetches a new one', async () => {
    let now = 0;
    const tokens = clientCredentialsTokens({ tokenUrl: oauth.tokenUrl, scope: 'imap', ...CLIENT }, () => now);
    const first = await tokens.token();
    now = 538_000;
    expect(await tokens.token()).toBe(first);
    now = 541_000;
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(oauth.issued.slice(-2)).toEqual([first, second]);
  });

  it('asks the endpoint once for callers at the same moment', async () => {
    const tokens = clientCredentialsTokens({ tokenUrl: oauth.tokenUrl, scope: 'imap', ...CLIENT });
    const before = oauth.issued.length;
    const got = await Promise.all([tokens.token(), tokens.token(), tokens.renew()]);
    expect(new Set(got).size).toBe(1);
    expect(oauth.issued.length).toBe(before + 1);
  });

  it('gets a token for a Google-style service account with a JWT signed by its key, acting as the mailbox', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const google = await startOAuth2Server({
      user: 'centres@cymorth.test',
      ...CLIENT,
      serviceAccount: { email: 'cymorth@project.iam.gserviceaccount.com', publicKey: key.publicKey },
    });
    try {
      const config = loadConfig({
        IMAP_AUTH: 'oauth2',
        OAUTH2_GRANT: 'service_account',
        OAUTH2_TOKEN_URL: google.tokenUrl,
        OAUTH2_CLIENT_ID: 'cymorth@project.iam.gserviceaccount.com',
        // As an environment variable holds it: one line, with \n for the line breaks.
        OAUTH2_PRIVATE_KEY: key.privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString()
          .replace(/\n/g, '\\n'),
        OAUTH2_SCOPE: 'https://mail.google.com/',
      });
      expect(await oauth2Tokens(config, 'centres@cymorth.test').token()).toBe(google.issued[0]);
      await expect(oauth2Tokens(config, 'someone.else@cymorth.test').token()).rejects.toThrow(
        /refused the client/,
      );
    } finally {
      await google.close();
    }
  });

  it('says what the endpoint said when it refuses the client', async () => {
    const tokens = clientCredentialsTokens({
      tokenUrl: oauth.tokenUrl,
      scope: 'imap',
      ...CLIENT,
      clientSecret: 'nope',
    });
    await expect(tokens.token()).rejects.toThrow(/refused the client: unknown client or bad secret/);
  });
});
