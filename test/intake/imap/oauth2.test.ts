import { once } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ImapReader, startImapReader } from '../../../src/intake/imap/reader.js';
import { ingest } from '../../../src/intake/pipeline.js';
import type { IngestResult } from '../../../src/intake/result.js';
import { clientCredentialsTokens } from '../../../src/mail/oauth2.js';
import { type PrivateDovecot, startPrivateDovecot } from '../../support/dovecot.js';
import { createHarness, type Harness } from '../../support/harness.js';
import { startOAuth2Server } from '../../support/oauth2-server.js';

const CLIENT = { clientId: 'cymorth-intake', clientSecret: 'cyfrinach-y-cleient' };

const message = (n: number) =>
  [
    'From: head@stteilos-demo.org.uk',
    'To: centres@cymorth.localhost',
    `Subject: Change of Exams Officer ${n}`,
    `Message-ID: <oauth2-${n}@mail.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `New Exams Officer name: Gareth Lloyd\r\nNew Exams Officer email: gareth${n}@stteilos-demo.org.uk\r\nCentre number: 66410`,
    '',
  ].join('\r\n');

function capturedLogger() {
  const lines: { msg: string; level: number }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

let oauth: Awaited<ReturnType<typeof startOAuth2Server>>;
let dovecot: PrivateDovecot;
let h: Harness;
let log: ReturnType<typeof capturedLogger>;
let reader: ImapReader | undefined;
let box = 0;

beforeAll(async () => {
  oauth = await startOAuth2Server({ user: 'intake', ...CLIENT });
  dovecot = await startPrivateDovecot({ introspectionUrl: oauth.introspectionUrl });
});
afterAll(async () => {
  await dovecot?.close();
  await oauth?.close();
});
beforeEach(async () => {
  log = capturedLogger();
  h = await createHarness({}, { logger: log.logger });
  box += 1;
});
afterEach(async () => {
  await reader?.stop();
  reader = undefined;
  h.close();
});

async function startReading(folder: string) {
  const c = await dovecot.client();
  await c.mailboxCreate(folder);
  await c.logout();
  reader = startImapReader(h.ctx, {
    // No password in the URL: the mailbox is signed in to with a token (SASL XOAUTH2).
    url: `imap://intake@127.0.0.1:${dovecot.port}/${folder}`,
    doneFolder: `${folder}-done`,
    pollMs: 60_000,
    ingest,
    tokens: clientCredentialsTokens({ tokenUrl: oauth.tokenUrl, scope: 'imap', ...CLIENT }),
    retry: { initialMs: 50, maxMs: 400 },
  });
  return reader;
}

const nextRead = async (r: ImapReader) =>
  ((await once(r.events, 'read')) as [{ result: IngestResult }])[0].result;

describe('the mailbox read with OAuth2 (XOAUTH2) against the private Dovecot', () => {
  it('signs in with a token, and renews it once when the mailbox refuses it mid-run', async () => {
    const folder = `oauth-${box}`;
    const r = await startReading(folder);
    await dovecot.deliver([message(1)], folder);
    expect((await nextRead(r)).message_id).toBe('<oauth2-1@mail.test>');
    expect(oauth.issued).toHaveLength(1);

    // The token expires while the reader is connected; the server then drops the connection.
    oauth.expireAll();
    await dovecot.kill();
    await dovecot.start();
    await dovecot.deliver([message(2)], folder);
    expect((await nextRead(r)).message_id).toBe('<oauth2-2@mail.test>');
    expect(oauth.issued).toHaveLength(2);
    expect(log.lines.map((l) => l.msg)).toContain('imap oauth2 token refused, renewing it');
    expect(log.lines.filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);

  it('reports a mailbox that refuses even a fresh token in one clear line, and keeps retrying', async () => {
    oauth.refuseEveryToken();
    const r = await startReading(`refused-${box}`);
    await once(r.events, 'disconnected');
    const errors = log.lines.filter((l) => l.level >= 50).map((l) => l.msg);
    expect(errors).toEqual([
      'imap oauth2: the mailbox refused a freshly issued token; check the app registration and its access to this mailbox',
    ]);
  }, 60_000);
});
