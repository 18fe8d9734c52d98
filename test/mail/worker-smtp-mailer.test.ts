import { describe, expect, it } from 'vitest';
import { connectionOf, isPermanentRefusal, parseMailbox } from '../../src/mail/worker-smtp-mailer.js';

describe('the Workers SMTP mailer', () => {
  it('reads MAIL_FROM with or without a display name', () => {
    expect(parseMailbox('Cymorth <centres@cymorth.test>')).toEqual({
      name: 'Cymorth',
      email: 'centres@cymorth.test',
    });
    expect(parseMailbox('"Tîm Cymorth" <centres@cymorth.test>')).toEqual({
      name: 'Tîm Cymorth',
      email: 'centres@cymorth.test',
    });
    expect(parseMailbox(' centres@cymorth.test ')).toEqual({ email: 'centres@cymorth.test' });
  });

  it('connects as SMTP_URL says: STARTTLS on smtp://, TLS from the start on smtps://, credentials decoded', () => {
    expect(connectionOf('smtp://desg%40cymorth.test:p%40ss@relay.example.org:2525')).toMatchObject({
      host: 'relay.example.org',
      port: 2525,
      secure: false,
      startTls: true,
      credentials: { username: 'desg@cymorth.test', password: 'p@ss' },
    });
    expect(connectionOf('smtps://relay.example.org')).toMatchObject({
      port: 465,
      secure: true,
      startTls: false,
    });
    expect(connectionOf('smtp://relay.example.org')).toMatchObject({ port: 587 });
    expect(connectionOf('smtp://relay.example.org').credentials).toBeUndefined();
  });

  it('treats only a 5yz refusal of the envelope or the content as final', () => {
    expect(isPermanentRefusal('Invalid RCPT TO: <neb@example.invalid> 550 No such user here')).toBe(true);
    expect(isPermanentRefusal('Invalid MAIL FROM: <centres@cymorth.test> 553 Sender rejected')).toBe(true);
    expect(isPermanentRefusal('Failed send email body: 554 Message refused')).toBe(true);
    expect(isPermanentRefusal('Invalid RCPT TO: <a@b.cymru> 451 Greylisted, try again later')).toBe(false);
    expect(isPermanentRefusal('Invalid RCPT TO: <a@b.cymru> 503 Bad sequence of commands')).toBe(false);
    expect(isPermanentRefusal('Failed to plain authentication: 535 Invalid credentials')).toBe(false);
    expect(isPermanentRefusal('Socket timeout!')).toBe(false);
  });
});
