import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/mail/delivery.js';
import { clientCredentialsTokens } from '../../src/mail/oauth2.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { createHarness, type Harness } from '../support/harness.js';
import { startOAuth2Server } from '../support/oauth2-server.js';
import { queue } from './helpers.js';

const CLIENT = { clientId: 'cymorth-outbox', clientSecret: 'cyfrinach-anfon' };
const MAILBOX = 'centres@cymorth.test';
const templates = templateFiles();

let oauth: Awaited<ReturnType<typeof startOAuth2Server>>;
let smtp: SMTPServer;
let port = 0;
const accepted: string[] = [];
let h: Harness | undefined;

beforeAll(async () => {
  oauth = await startOAuth2Server({ user: MAILBOX, ...CLIENT });
  // Like Exchange Online with basic authentication off: XOAUTH2 only, each token checked with the issuer.
  smtp = new SMTPServer({
    authMethods: ['XOAUTH2'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2' && auth.username === MAILBOX && oauth.isActive(auth.accessToken ?? ''))
        return callback(null, { user: auth.username });
      callback(null, {
        data: { status: '401', schemes: 'bearer', scope: 'https://outlook.office365.com/.default' },
      });
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        accepted.push(session.user ?? '');
        callback(null, 'OK: queued');
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await oauth.close();
});
afterEach(() => h?.close());

const mailerWith = (secret: string) =>
  createSmtpMailer(
    `smtp://${encodeURIComponent(MAILBOX)}@127.0.0.1:${port}`,
    clientCredentialsTokens({ tokenUrl: oauth.tokenUrl, scope: 'smtp', ...CLIENT, clientSecret: secret }),
  );

describe('sending with OAuth2 (XOAUTH2) to a server that refuses passwords', () => {
  it('sends with a token, and renews it when the server refuses it mid-run', async () => {
    h = await createHarness(
      { MAIL_FROM: `Cymorth <${MAILBOX}>` },
      { mailer: mailerWith(CLIENT.clientSecret) },
    );
    await queue(h.ctx);
    expect((await deliverDue(h.ctx, { templates })).map((o) => o.result)).toEqual(['sent']);
    const before = oauth.issued.length;

    oauth.expireAll();
    h.ctx.mailer.close();
    await queue(h.ctx);
    expect((await deliverDue(h.ctx, { templates })).map((o) => o.result)).toEqual(['sent']);
    expect(oauth.issued.length).toBe(before + 1);
    expect(accepted.slice(-2)).toEqual([MAILBOX, MAILBOX]);
  });

  it('keeps the message queued, with the token endpoint’s reason, when the client is refused', async () => {
    h = await createHarness({ MAIL_FROM: `Cymorth <${MAILBOX}>` }, { mailer: mailerWith('wrong-secret') });
    const row = await queue(h.ctx);
    const [outcome] = await deliverDue(h.ctx, { templates });
    expect(outcome).toMatchObject({ id: row.id, result: 'retry' });
    expect(JSON.stringify(outcome)).toContain('unknown client or bad secret');
  });
});
