import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { Db } from '../../../src/db/client.js';
import { seedDemo } from '../../../src/db/demo.js';
import { openNodeDatabase } from '../../../src/db/node.js';
import { mailboxState, mailMessages, outbox, requests } from '../../../src/db/schema/index.js';
import { ingest } from '../../../src/intake/pipeline.js';
import { buildNodeContext } from '../../../src/node-context.js';
import { type PrivateDovecot, startPrivateDovecot } from '../../support/dovecot.js';
import { createHarness } from '../../support/harness.js';
import { letterheadPdf } from '../support/mail.js';
import { type MixMessage, mailMix, seededRandom } from './mail-mix.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SEED = 20261123;
const MESSAGES = 220;
/** Kills that land after the intake has started reading; kills during start-up come on top. */
const KILLS_WHILE_READING = 20;

let dovecot: PrivateDovecot;
let dir: string;
let mix: MixMessage[];

/** One run of the intake as its own process, with what it has logged so far. */
class IntakeProcess {
  readonly child: ChildProcess;
  readonly uids = new Set<number>();
  readonly messages: string[] = [];
  drained = false;
  exited = false;
  private waiters: (() => void)[] = [];

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'cymorth.sqlite'),
        DATA_DIR: join(dir, 'data'),
        IMAP_URL: dovecot.url(),
        IMAP_DONE_FOLDER: 'Processed',
        LOG_LEVEL: 'debug',
        DEMO_SEED: 'false',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      let entry: { msg?: string; uid?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg) this.messages.push(entry.msg);
      if (entry.msg === 'imap message read' && entry.uid) this.uids.add(entry.uid);
      if (entry.msg?.startsWith('imap inbox read to the end')) this.drained = true;
      this.notify();
    });
    this.child.once('exit', () => {
      this.exited = true;
      this.notify();
    });
  }

  private notify() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when the condition holds, checked after each log line and at exit. */
  async until(condition: () => boolean): Promise<void> {
    while (!condition() && !this.exited) await new Promise<void>((r) => this.waiters.push(r));
  }

  async kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.exited) return this.child.exitCode;
    const exit = once(this.child, 'exit');
    this.child.kill(signal);
    const [code] = await exit;
    return code as number | null;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cymorth-kill-'));
  dovecot = await startPrivateDovecot();
  const config = loadConfig({ DATABASE_PATH: join(dir, 'cymorth.sqlite'), DATA_DIR: join(dir, 'data') });
  const node = await buildNodeContext(config);
  await seedDemo(node.ctx);
  await node.close();
  const letterhead = await letterheadPdf(['Ysgol Gyfun Gŵyr', 'Heol Talbot, Tregŵyr, Abertawe SA4 3AA']);
  mix = mailMix(MESSAGES, SEED, letterhead);
  await dovecot.deliver(mix.map((m) => m.raw));
});

afterAll(async () => {
  await dovecot?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function rows(db: Db) {
  return db
    .select({
      messageId: mailMessages.messageId,
      key: mailMessages.mailboxKey,
      outcome: mailMessages.outcome,
      reason: mailMessages.reason,
      reference: requests.reference,
    })
    .from(mailMessages)
    .leftJoin(requests, eq(mailMessages.requestId, requests.id));
}

async function autoReplies(db: Db) {
  const out = await db.select({ params: outbox.params, headers: outbox.headers }).from(outbox);
  return out.map((o) => ({ reference: String(o.params.reference), inReplyTo: o.headers['In-Reply-To'] }));
}

const tally = <T>(xs: T[]) => {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

it(`loses and repeats nothing when the intake is SIGKILLed ${KILLS_WHILE_READING}+ times while reading ${MESSAGES} messages`, async () => {
  const rnd = seededRandom(SEED + 1);
  const read = new Set<number>();
  let killsWhileReading = 0;
  let killsAtStartUp = 0;

  while (killsWhileReading < KILLS_WHILE_READING) {
    const run = new IntakeProcess(['src/intake/imap/main.ts']);
    if (rnd() < 0.1) {
      // A kill at any moment of start-up: loading, migrating, logging in, opening the mailbox.
      await new Promise((r) => setTimeout(r, rnd() * 1500));
      expect(await run.kill('SIGKILL')).toBe(null);
      killsAtStartUp += 1;
      for (const uid of run.uids) read.add(uid);
    } else {
      // Each run reads a random share of what is left, small enough (a run reads on a little past its
      // target before the kill lands) that every kill still finds messages to read; the last run drains.
      const left = MESSAGES - read.size;
      const most = Math.max(1, Math.floor(left / (KILLS_WHILE_READING - killsWhileReading + 2)));
      const target = 1 + Math.floor(rnd() * most);
      await run.until(() => run.uids.size >= target || run.drained);
      // Then somewhere inside the next message: fetch, ingest, flag, move or saving the position.
      if (!run.drained) await new Promise((r) => setTimeout(r, rnd() * 30));
      const drained = run.drained;
      expect(await run.kill('SIGKILL')).toBe(null);
      // The reader believes it has read everything: the checks below say whether it really has.
      for (const uid of run.uids) read.add(uid);
      if (drained) break;
      killsWhileReading += 1;
    }
  }

  // The last run is the CLI a person would start; it reads what is left and stops cleanly on SIGTERM.
  const last = new IntakeProcess(['src/cli.ts', 'intake', 'run']);
  await last.until(() => last.drained);
  expect(await last.kill('SIGTERM')).toBe(0);
  expect(last.messages).toContain('imap reader stopped');

  expect(await dovecot.count('INBOX')).toBe(0);
  expect(await dovecot.count('Processed')).toBe(MESSAGES);

  const database = await openNodeDatabase(join(dir, 'cymorth.sqlite'));
  try {
    const db = database.db;
    const stored = await rows(db);
    const distinct = [...new Set(mix.map((m) => m.messageId))];
    // Every message exactly once, as a request, a follow-up or set aside.
    expect(stored.map((r) => r.messageId).sort()).toEqual(distinct.sort());
    expect(new Set(stored.map((r) => r.key)).size).toBe(stored.length);
    for (const r of stored) expect(['created', 'joined', 'set_aside']).toContain(r.outcome);
    const kindOf = new Map(mix.filter((m) => m.kind !== 'redelivery').map((m) => [m.messageId, m.kind]));
    for (const r of stored) {
      const kind = kindOf.get(r.messageId);
      if (kind === 'auto_reply' || kind === 'bulk')
        expect([r.outcome, r.reason]).toEqual(['set_aside', kind]);
      if (kind === 'request') expect(r.outcome).toBe('created');
    }

    // No request without its message, and no centre answered twice for one request or one message.
    const orphans = database.sqlite
      .prepare(
        'select count(*) as n from requests r where not exists (select 1 from mail_messages m where m.request_id = r.id)',
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    const replies = await autoReplies(db);
    expect([...tally(replies.map((r) => r.reference)).values()].every((n) => n === 1)).toBe(true);
    expect(new Set(replies.map((r) => r.inReplyTo)).size).toBe(replies.length);

    const [state] = await db.select().from(mailboxState);
    expect(state?.lastUid).toBe(MESSAGES);
    expect(killsWhileReading, 'the mailbox ran dry before every kill was made').toBe(KILLS_WHILE_READING);
    expect(killsWhileReading + killsAtStartUp).toBeGreaterThanOrEqual(20);

    // The same mailbox read in one go, without a kill, comes to exactly the same result.
    const control = await createHarness();
    try {
      for (const [i, m] of mix.entries()) {
        await ingest(control.ctx, new TextEncoder().encode(m.raw), { mailboxKey: `control:${i + 1}` });
      }
      const shape = (rs: Awaited<ReturnType<typeof rows>>) =>
        rs.map((r) => [r.messageId, r.outcome, r.reason, r.reference].join(' ')).sort();
      expect(shape(stored)).toEqual(shape(await rows(control.ctx.db)));
      expect(replies.map((r) => r.reference).sort()).toEqual(
        (await autoReplies(control.ctx.db)).map((r) => r.reference).sort(),
      );
    } finally {
      await control.close();
    }
  } finally {
    await database.close();
  }
}, 180_000);
