import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'cymorth';
export const SMTP_PASS = 'cyfrinair-prawf';

interface Received {
  mailFrom: string;
  rcptTo: string[];
  mail: ParsedMail;
}

type Refusal = { code: number; message: string; at: 'rcpt' | 'data' };

function smtpError(refusal: Refusal) {
  return Object.assign(new Error(refusal.message), { responseCode: refusal.code });
}

/**
 * A real SMTP server (smtp-server) on loopback that requires AUTH, keeps what it accepts, and can
 * be told to refuse (e.g. 451 greylisting, 550 no such user) or to hold a message until released.
 */
export async function startSmtp(port = 0) {
  const received: Received[] = [];
  const arrivals: Array<() => void> = [];
  let refusal: Refusal | undefined;
  let held: { arrived: () => void; release: Promise<void> } | undefined;

  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      callback(refusal?.at === 'rcpt' ? smtpError(refusal) : null);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (refusal?.at === 'data') return callback(smtpError(refusal));
          if (held) {
            const hold = held;
            held = undefined;
            hold.arrived();
            await hold.release;
          }
          received.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback(null, 'OK: queued');
          for (const wake of arrivals.splice(0)) wake();
        })
        .catch(callback);
    },
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  const boundPort = (server.server.address() as AddressInfo).port;

  return {
    port: boundPort,
    url: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${boundPort}`,
    received,
    /** Refuse every message from now on with this reply, at RCPT TO or after DATA. */
    refuse(code: number, message: string, at: 'rcpt' | 'data' = 'rcpt') {
      refusal = { code, message, at };
    },
    accept() {
      refusal = undefined;
    },
    /** The next message is held after DATA until `release` is called; `arrived` resolves when it is. */
    holdNext() {
      let release!: () => void;
      let arrived!: () => void;
      const arrivedP = new Promise<void>((r) => {
        arrived = r;
      });
      held = { arrived, release: new Promise<void>((r) => (release = r)) };
      return { arrived: arrivedP, release: () => release() };
    },
    /** Resolves when the next message is accepted. */
    nextArrival(): Promise<void> {
      return new Promise((resolve) => arrivals.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpFixture = Awaited<ReturnType<typeof startSmtp>>;

/** A loopback port nothing listens on: SMTP "down". */
export async function closedPort(): Promise<number> {
  const smtp = await startSmtp();
  await smtp.close();
  return smtp.port;
}
