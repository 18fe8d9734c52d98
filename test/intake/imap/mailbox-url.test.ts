import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { parseMailboxUrl } from '../../../src/intake/imap/mailbox-url.js';

describe('IMAP_URL', () => {
  it('reads host, port, account and folder, percent-decoding the password', () => {
    expect(parseMailboxUrl('imap://centres:p%40ss%2Fw0rd@127.0.0.1:1143/INBOX')).toEqual({
      host: '127.0.0.1',
      port: 1143,
      secure: false,
      user: 'centres',
      pass: 'p@ss/w0rd',
      mailbox: 'INBOX',
      stateKey: 'centres@127.0.0.1/INBOX',
    });
  });

  it('uses port 993 for imaps, 143 for imap, and INBOX when no folder is given', () => {
    expect(parseMailboxUrl('imaps://a:b@mail.example.org')).toMatchObject({
      port: 993,
      secure: true,
      mailbox: 'INBOX',
    });
    expect(parseMailboxUrl('imap://a:b@mail.example.org/Canolfannau%20Cymru')).toMatchObject({
      port: 143,
      mailbox: 'Canolfannau Cymru',
    });
  });

  it('is refused at start-up unless it is an imap: or imaps: URL, and the done folder has a default', () => {
    expect(() => loadConfig({ IMAP_URL: 'pop3://a:b@host/INBOX' })).toThrow(ConfigError);
    expect(() => loadConfig({ IMAP_URL: 'pop3://a:b@host/INBOX' })).toThrow(/IMAP_URL/);
    expect(loadConfig({})).toMatchObject({ IMAP_DONE_FOLDER: 'Processed', IMAP_POLL_MS: 60_000 });
  });
});
