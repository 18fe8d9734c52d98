import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailMessages } from '../../../src/db/schema/index.js';
import { startIntake } from '../../../src/intake/sources.js';
import { type PrivateDovecot, startPrivateDovecot } from '../../support/dovecot.js';
import { createHarness } from '../../support/harness.js';

const message = (id: string) =>
  `From: swyddfa@ysgolgwyr.cymru\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <${id}@mail.test>\r\n\r\nAway.\r\n`;

/** A logger, and a promise of the first log line with the given message. */
function logLine(msg: string) {
  let seen: () => void = () => undefined;
  const logged = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const stream = new Writable({
    write(chunk, _enc, done) {
      if (String(chunk).includes(`"msg":"${msg}"`)) seen();
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), logged };
}

let dovecot: PrivateDovecot;
let dir: string;
beforeAll(async () => {
  dovecot = await startPrivateDovecot();
  dir = mkdtempSync(join(tmpdir(), 'cymorth-sources-'));
});
afterAll(async () => {
  await dovecot?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('reads the IMAP mailbox when IMAP_URL is set', async () => {
  await dovecot.deliver([message('via-imap')]);
  const log = logLine('imap message read');
  const h = await createHarness(
    { IMAP_URL: dovecot.url(), IMAP_DONE_FOLDER: 'Wedi darllen', DATA_DIR: dir },
    { logger: log.logger },
  );
  const intake = startIntake(h.ctx);
  expect(intake.source).toBe('imap');
  await log.logged;
  expect(await h.ctx.db.select().from(mailMessages)).toHaveLength(1);
  await intake.stop();
  expect(await dovecot.count('Wedi darllen')).toBe(1);
  await h.close();
});

it('reads the drop folder when IMAP_URL is not set', async () => {
  const drop = join(dir, 'inbox');
  mkdirSync(drop, { recursive: true });
  writeFileSync(join(drop, 'one.eml'), message('via-folder'));
  const log = logLine('intake: drop folder message read');
  const h = await createHarness({ MAIL_DROP_DIR: drop, DATA_DIR: dir }, { logger: log.logger });
  const intake = startIntake(h.ctx);
  expect(intake.source).toBe('drop_folder');
  await log.logged;
  expect(await h.ctx.db.select().from(mailMessages)).toHaveLength(1);
  await intake.stop();
  expect(readdirSync(drop).filter((f) => f.endsWith('.eml'))).toEqual([]);
  await h.close();
});
