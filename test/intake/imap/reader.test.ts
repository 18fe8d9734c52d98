import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailboxState, mailMessages, outbox, requests } from '../../../src/db/schema/index.js';
import { type ImapReader, startImapReader } from '../../../src/intake/imap/reader.js';
import { ingest } from '../../../src/intake/pipeline.js';
import type { IngestResult } from '../../../src/intake/result.js';
import { type PrivateDovecot, startPrivateDovecot } from '../../support/dovecot.js';
import { createHarness, type Harness } from '../../support/harness.js';
import { DEMO_CENTRES } from './mail-mix.js';

function demo(number: string) {
  const c = DEMO_CENTRES.find((d) => d.number === number);
  if (!c) throw new Error(`no demo centre ${number}`);
  return c;
}
const gwyr = demo('68123');
const teilo = demo('66410');

function request(n: number, welsh: boolean) {
  const c = welsh ? gwyr : teilo;
  const body = welsh
    ? `Enw'r Swyddog Arholiadau newydd: Rhian Jenkins\r\nE-bost y Swyddog Arholiadau newydd: rhian${n}@${c.domain}\r\nEnw'r ganolfan: ${c.name}\r\nRhif y ganolfan: ${c.number}\r\n\r\n${c.head}\r\nPennaeth\r\n`
    : `New Exams Officer name: Gareth Lloyd\r\nNew Exams Officer email: gareth${n}@${c.domain}\r\nCentre name: ${c.name}\r\nCentre number: ${c.number}\r\n\r\n${c.head}\r\nHeadteacher\r\n`;
  return [
    `From: ${c.headEmail}`,
    'To: centres@cymorth.localhost',
    `Subject: ${welsh ? 'Newid Swyddog Arholiadau' : 'Change of Exams Officer'} ${n}`,
    `Message-ID: <imap-test-${n}@mail.test>`,
    'Date: Mon, 23 Nov 2026 08:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ].join('\r\n');
}

const outOfOffice = [
  `From: swyddfa@${gwyr.domain}`,
  'To: centres@cymorth.localhost',
  'Subject: Out of office',
  'Message-ID: <imap-test-ooo@mail.test>',
  'Auto-Submitted: auto-replied',
  '',
  'I am away until Monday.',
  '',
].join('\r\n');

/** Log lines the reader writes, kept so a test can wait for one by its message. */
function capturedLogger() {
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Resolves with the next `count` messages the reader reads. */
async function reads(reader: ImapReader, count: number): Promise<{ uid: number; result: IngestResult }[]> {
  const seen: { uid: number; result: IngestResult }[] = [];
  while (seen.length < count) {
    const [read] = await once(reader.events, 'read');
    seen.push(read);
  }
  return seen;
}

let dovecot: PrivateDovecot;
let h: Harness;
let log: ReturnType<typeof capturedLogger>;
let readers: ImapReader[] = [];
/** Each test reads a folder of its own, so UIDs start at 1 and counts are its own. */
let box = '';
let done = '';
let boxes = 0;

function startReader(url = dovecot.url(box), pollMs = 60_000) {
  const reader = startImapReader(h.ctx, {
    url,
    doneFolder: done,
    pollMs,
    ingest,
    retry: { initialMs: 50, maxMs: 400 },
  });
  readers.push(reader);
  return reader;
}

async function stored() {
  return h.ctx.db
    .select({
      messageId: mailMessages.messageId,
      key: mailMessages.mailboxKey,
      outcome: mailMessages.outcome,
    })
    .from(mailMessages)
    .orderBy(asc(mailMessages.id));
}

describe('IMAP reader against a private Dovecot', () => {
  beforeAll(async () => {
    dovecot = await startPrivateDovecot();
  });
  afterAll(async () => {
    await dovecot?.close();
  });
  beforeEach(async () => {
    log = capturedLogger();
    h = await createHarness({}, { logger: log.logger });
    boxes += 1;
    box = `centres-${boxes}`;
    done = `done-${boxes}`;
    const c = await dovecot.client();
    await c.mailboxCreate(box);
    await c.logout();
  });
  afterEach(async () => {
    await Promise.all(readers.map((r) => r.stop()));
    readers = [];
    h.close();
  });

  it('reads each delivered message once, moves it to the done folder and remembers where it got to', async () => {
    await dovecot.deliver([request(1, false), request(2, true), outOfOffice], box);
    const reader = startReader();
    await once(reader.events, 'idle');

    const rows = await stored();
    const uidValidity = rows[0]?.key?.split(':')[0];
    expect(rows.map((r) => [r.messageId, r.key, r.outcome])).toEqual([
      ['<imap-test-1@mail.test>', `${uidValidity}:1`, 'created'],
      ['<imap-test-2@mail.test>', `${uidValidity}:2`, 'created'],
      ['<imap-test-ooo@mail.test>', `${uidValidity}:3`, 'set_aside'],
    ]);
    const made = await h.ctx.db.select().from(requests).orderBy(asc(requests.id));
    expect(made.map((r) => r.language)).toEqual(['en', 'cy']);
    const replies = await h.ctx.db.select().from(outbox);
    expect(replies.map((r) => r.toAddress).sort()).toEqual([gwyr.headEmail, teilo.headEmail].sort());

    expect(await dovecot.count(box)).toBe(0);
    expect(await dovecot.count(done)).toBe(3);
    const c = await dovecot.client();
    await c.mailboxOpen(done);
    const flags = (await c.fetchAll('1:*', { flags: true })).map((m) => [...(m.flags ?? [])]);
    await c.logout();
    expect(flags.map((f) => f.includes('\\Seen'))).toEqual([true, true, true]);

    const [state] = await h.ctx.db.select().from(mailboxState);
    expect(state).toMatchObject({ mailbox: `intake@127.0.0.1/${box}`, uidValidity, lastUid: 3 });
  });

  it('after a restart reads what came meanwhile, and nothing twice', async () => {
    await dovecot.deliver([request(11, false), request(12, true)], box);
    const first = startReader();
    await once(first.events, 'idle');
    await first.stop();

    await dovecot.deliver([request(13, false), request(14, true)], box);
    const second = startReader();
    const secondReads = reads(second, 2);
    await once(second.events, 'idle');

    expect((await secondReads).map((r) => [r.uid, r.result.outcome])).toEqual([
      [3, 'created'],
      [4, 'created'],
    ]);
    expect((await stored()).map((r) => r.messageId)).toEqual(
      [11, 12, 13, 14].map((n) => `<imap-test-${n}@mail.test>`),
    );
    expect(await h.ctx.db.select().from(outbox)).toHaveLength(4);
  });

  it('a message already ingested when the reader died (before the move) is moved on without a second reply', async () => {
    await dovecot.deliver([request(21, false)], box);
    const c = await dovecot.client();
    const opened = await c.mailboxOpen(box);
    const [message] = await c.fetchAll('1:*', { uid: true, source: true });
    await c.logout();
    if (!message?.source) throw new Error('message not delivered');
    const before = await ingest(h.ctx, message.source, {
      mailboxKey: `${opened.uidValidity}:${message.uid}`,
    });
    expect(before.outcome).toBe('created');

    const reader = startReader();
    const [again] = await reads(reader, 1);
    expect(again?.result.outcome).toBe('duplicate');
    expect(await h.ctx.db.select().from(outbox)).toHaveLength(1);
    expect(await dovecot.count(box)).toBe(0);
    expect(await dovecot.count(done)).toBe(1);
  });

  it('stop finishes the message in flight and logs out, leaving the rest for next time', async () => {
    await dovecot.deliver(
      [31, 32, 33, 34, 35].map((n) => request(n, n % 2 === 0)),
      box,
    );
    const reader = startReader();
    await once(reader.events, 'read');
    await reader.stop();

    const read = (await stored()).length;
    expect(read).toBeGreaterThanOrEqual(1);
    expect(await dovecot.count(done)).toBe(read);
    expect(await dovecot.count(box)).toBe(5 - read);
    const [state] = await h.ctx.db.select().from(mailboxState);
    expect(state?.lastUid).toBe(read);
    expect(log.lines.map((l) => l.msg)).toContain('imap reader stopped');
    expect(readFileSync(dovecot.logPath, 'utf8')).toMatch(/imap\(intake\).*Logged out/);
  });

  it('when the server drops it says so, retries with backoff and carries on once the server is back', async () => {
    const reader = startReader();
    await once(reader.events, 'idle');

    const lost = once(reader.events, 'disconnected');
    await dovecot.kill();
    await lost;
    const back = once(reader.events, 'connected');
    await dovecot.start();
    const [connected] = await back;
    expect(connected).toEqual({ reconnect: true });

    const warnings = log.lines.filter((l) => l.msg.startsWith('imap connection lost'));
    expect(warnings[0]?.msg).toBe('imap connection lost, retrying in 0.05s');
    expect(warnings.map((w) => w.retry_ms)).toEqual(
      [50, 100, 200, 400, 400, 400, 400, 400, 400, 400].slice(0, warnings.length),
    );
    expect(log.lines.map((l) => l.msg)).toContain('imap reconnected');

    const next = reads(reader, 1);
    await dovecot.deliver([request(41, true)], box);
    expect((await next)[0]?.result.outcome).toBe('created');
  });

  it('reads the whole mailbox again when UIDVALIDITY changes, knowing old messages by Message-ID', async () => {
    const folder = box;
    await dovecot.deliver([request(51, false)], folder);
    const first = startReader(dovecot.url(folder));
    await once(first.events, 'idle');
    await first.stop();

    // Recreated folder = new UIDVALIDITY; UIDs start again at 1.
    const c2 = await dovecot.client();
    await c2.mailboxDelete(folder);
    await c2.mailboxCreate(folder);
    await c2.logout();
    await dovecot.deliver([request(51, false), request(52, true)], folder);
    const second = startReader(dovecot.url(folder));
    const again = reads(second, 2);
    await once(second.events, 'idle');

    expect((await again).map((r) => [r.uid, r.result.outcome])).toEqual([
      [1, 'duplicate'],
      [2, 'created'],
    ]);
    expect(log.lines.some((l) => l.msg.startsWith('imap UIDVALIDITY changed'))).toBe(true);
    const keys = (await stored()).map((r) => r.key);
    expect(new Set(keys).size).toBe(2);
    const [state] = await h.ctx.db
      .select()
      .from(mailboxState)
      .where(eq(mailboxState.mailbox, `intake@127.0.0.1/${folder}`));
    expect(state?.lastUid).toBe(2);
  });
});

describe('IMAP reader on a server without IDLE', () => {
  let plain: PrivateDovecot;
  beforeAll(async () => {
    plain = await startPrivateDovecot({ idle: false });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('polls every IMAP_POLL_MS instead', async () => {
    log = capturedLogger();
    h = await createHarness({}, { logger: log.logger });
    try {
      done = 'done';
      const reader = startReader(plain.url(), 100);
      await once(reader.events, 'idle');
      const next = reads(reader, 1);
      await plain.deliver([request(61, false)]);
      expect((await next)[0]?.result.outcome).toBe('created');
      await reader.stop();
    } finally {
      readers = [];
      h.close();
    }
  });
});
