import { EventEmitter } from 'node:events';
import { ImapFlow } from 'imapflow';
import type { AppContext } from '../../context.js';
import type { TokenSource } from '../../mail/oauth2.js';
import type { IngestOrigin, IngestResult } from '../result.js';
import { type MailboxAddress, parseMailboxUrl } from './mailbox-url.js';
import { loadPosition, savePosition } from './state.js';

type IngestFn = (ctx: AppContext, raw: Uint8Array, origin: IngestOrigin) => Promise<IngestResult>;

export interface ImapReaderOptions {
  url: string;
  doneFolder: string;
  /** Poll interval without IDLE, and the longest one IDLE lasts before the mailbox is searched again. */
  pollMs: number;
  ingest: IngestFn;
  /** Reconnect delays: `initialMs`, doubling up to `maxMs`. */
  retry?: { initialMs: number; maxMs: number };
  /** OAuth2 (SASL XOAUTH2) instead of the URL's password: Microsoft 365 and Google refuse passwords. */
  tokens?: TokenSource;
}

interface ImapReaderEvents {
  connected: [{ reconnect: boolean }];
  disconnected: [{ error: string; retryInMs: number }];
  read: [{ uid: number; result: IngestResult }];
  /** The inbox has nothing left to read; the reader now waits for new mail. */
  idle: [];
}

export interface ImapReader {
  events: EventEmitter<ImapReaderEvents>;
  /** Finishes the message in flight, logs out and resolves; no message is read after it is called. */
  stop(): Promise<void>;
}

const seconds = (ms: number) => `${Math.round(ms) / 1000}s`;

/**
 * Reads a mailbox for ever: each new message (by UID, after the saved position) is ingested, then
 * flagged \Seen and moved to the done folder, then the position is saved. Each step is safe to
 * repeat: `ingest` knows a message again by its `uidvalidity:uid` key and by Message-ID, so a crash
 * between any two steps costs one harmless re-read and never a lost or doubled request.
 */
export function startImapReader(ctx: AppContext, options: ImapReaderOptions): ImapReader {
  const address = parseMailboxUrl(options.url);
  const retry = options.retry ?? { initialMs: 1000, maxMs: 60_000 };
  const log = ctx.logger.child({ component: 'imap', mailbox: address.stateKey });
  const events = new EventEmitter<ImapReaderEvents>();

  let stopping = false;
  let current: ImapFlow | undefined;
  let connecting = false;
  /** Ends the current pause early: set during every pause, called by stop(). */
  let wakeForStop: (() => void) | undefined;
  /** Ends a wait for mail early: set only while waiting, called on EXISTS and when the server goes away. */
  let wakeForMail: (() => void) | undefined;
  /** Set by every EXISTS from the server, cleared before each search, so no wake-up is lost in between. */
  let newMail = false;

  function pause(ms: number, onMail = false): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeForStop = undefined;
        wakeForMail = undefined;
        resolve();
      }
      wakeForStop = done;
      if (onMail) wakeForMail = done;
    });
  }

  async function newClient(a: MailboxAddress, renewToken: boolean): Promise<ImapFlow> {
    const { tokens } = options;
    const accessToken = tokens ? await (renewToken ? tokens.renew() : tokens.token()) : undefined;
    const client = new ImapFlow({
      host: a.host,
      port: a.port,
      secure: a.secure,
      auth: accessToken ? { user: a.user, accessToken } : { user: a.user, pass: a.pass },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 30_000,
    });
    client.on('error', (err: Error) => log.debug({ err: err.message }, 'imap client error'));
    client.on('exists', () => {
      newMail = true;
      wakeForMail?.();
    });
    client.on('close', () => wakeForMail?.());
    return client;
  }

  async function waitForMail(client: ImapFlow): Promise<void> {
    if (newMail || stopping || !client.usable) return;
    const waiting = pause(options.pollMs, true);
    if (client.capabilities.has('IDLE')) {
      // The next command (the search after waking) sends DONE; a failed IDLE just means we poll.
      client.idle().catch((err: Error) => log.debug({ err: err.message }, 'imap idle ended'));
    }
    await waiting;
  }

  async function readOne(client: ImapFlow, uidValidity: string, uid: number): Promise<void> {
    const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    const source = message ? message.source : undefined;
    if (source) {
      const result = await options.ingest(ctx, source, { mailboxKey: `${uidValidity}:${uid}` });
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      await client.messageMove(String(uid), options.doneFolder, { uid: true });
      await savePosition(ctx, address.stateKey, { uidValidity, lastUid: uid });
      log.info(
        {
          uid,
          message_id: result.message_id,
          outcome: result.outcome,
          reason: result.reason,
          reference: result.reference,
        },
        'imap message read',
      );
      events.emit('read', { uid, result });
    } else {
      // Gone between search and fetch (someone else moved it): nothing to read, just step past it.
      await savePosition(ctx, address.stateKey, { uidValidity, lastUid: uid });
    }
  }

  async function drain(client: ImapFlow): Promise<void> {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(client.usable ? 'no mailbox selected' : 'connection closed');
    const uidValidity = String(mailbox.uidValidity);
    const saved = await loadPosition(ctx, address.stateKey);
    let lastUid = 0;
    if (saved?.uidValidity === uidValidity) lastUid = saved.lastUid;
    else if (saved) {
      log.warn(
        { was: saved.uidValidity, now: uidValidity },
        'imap UIDVALIDITY changed: reading the whole mailbox again (messages already read are known by Message-ID)',
      );
      await savePosition(ctx, address.stateKey, { uidValidity, lastUid: 0 });
    }
    while (!stopping) {
      newMail = false;
      const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
      // `n:*` always matches the newest message, even one below n.
      const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
      if (uids.length === 0) break;
      for (const uid of uids) {
        if (stopping) return;
        await readOne(client, uidValidity, uid);
        lastUid = uid;
      }
    }
    if (stopping) return;
    log.debug('imap inbox read to the end, waiting for new mail');
    events.emit('idle');
  }

  async function session(client: ImapFlow): Promise<void> {
    await client.mailboxCreate(options.doneFolder);
    await client.mailboxOpen(address.mailbox);
    while (!stopping) {
      await drain(client);
      await waitForMail(client);
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    /** A refused token is renewed once, at once; refused again, it is reported and retried as any failure. */
    let renewToken = false;
    while (!stopping) {
      let client: ImapFlow | undefined;
      try {
        connecting = true;
        client = await newClient(address, renewToken);
        current = client;
        await client.connect();
        renewToken = false;
        connecting = false;
        log.info(failures > 0 ? 'imap reconnected' : 'imap connected');
        events.emit('connected', { reconnect: failures > 0 });
        failures = 0;
        await session(client);
        await client.logout();
      } catch (err) {
        connecting = false;
        const what = client?.usable ? 'imap intake failed' : 'imap connection lost';
        client?.close();
        if (stopping) break;
        const refused =
          options.tokens !== undefined && (err as { authenticationFailed?: boolean }).authenticationFailed;
        if (refused && !renewToken) {
          renewToken = true;
          log.info('imap oauth2 token refused, renewing it');
          continue;
        }
        if (refused) {
          renewToken = false;
          log.error(
            { err: err instanceof Error ? err.message : String(err) },
            'imap oauth2: the mailbox refused a freshly issued token; check the app registration and its access to this mailbox',
          );
        }
        const delay = Math.min(retry.maxMs, retry.initialMs * 2 ** failures);
        failures += 1;
        const error = err instanceof Error ? err.message : String(err);
        log.warn({ err: error, retry_ms: delay }, `${what}, retrying in ${seconds(delay)}`);
        events.emit('disconnected', { error, retryInMs: delay });
        await pause(delay);
      }
    }
    current = undefined;
    log.info('imap reader stopped');
  }

  const running = run();
  return {
    events,
    async stop() {
      stopping = true;
      wakeForStop?.();
      if (connecting) current?.close();
      await running;
    },
  };
}
