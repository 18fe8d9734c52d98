/**
 * One side of the intake_pipeline bench, in its own process so its peak RSS is its own.
 * `ours N`: N messages through `ingest` (parse, extract incl. the PDF's text, validate, store on a
 * file database and blob directory, reply queued). `bare N`: mailparser's simpleParser on the same
 * message plus unpdf's extractText on its PDF. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { extractText, getDocumentProxy } from 'unpdf';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { seedDemo } from '../../src/db/demo.js';
import { openNodeDatabase } from '../../src/db/node.js';
import { fsBlobStore } from '../../src/files/fs-blob-store.js';
import { ingest } from '../../src/intake/pipeline.js';
import { queueOnlyMailer } from '../../src/mail/mailer.js';
import { cachedResolver } from '../../src/mail-auth/resolver.js';
import { createMailVerifier } from '../../src/mail-auth/verifier.js';
import { benchMessage, withMessageId } from './message.js';

const WARMUP = 20;
const [mode = 'ours', countArg = '500', dir = '/tmp'] = process.argv.slice(2);
const count = Number(countArg);

const vmHwmMb = () =>
  Number(readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+)/m)?.[1] ?? 0) / 1024;

async function main() {
  const { raw, pdf } = await benchMessage();
  const marks: Record<string, number> = {};
  let step: (n: number) => Promise<void>;
  if (mode === 'bare') {
    step = async () => {
      const mail = await simpleParser(raw);
      const doc = await getDocumentProxy(new Uint8Array(mail.attachments[0]?.content ?? pdf));
      await extractText(doc, { mergePages: true });
      await doc.destroy();
    };
  } else {
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'intake.sqlite'),
      DATA_DIR: dir,
      DEMO_SEED: 'false',
    });
    const database = await openNodeDatabase(config.DATABASE_PATH);
    const clock = fixedClock('2026-01-01T09:00:00Z');
    const ctx: AppContext = {
      db: database.db,
      clock,
      config,
      logger: pino({ level: 'silent' }),
      blobs: fsBlobStore(dir),
      // Replies are queued, not sent: delivery is the outbox worker's bench, not this one.
      mailer: queueOnlyMailer,
      // Signatures are checked as in production, against a name server that knows no records
      // (answers are cached as a real resolver's would be), so no run depends on the network.
      mailVerifier: createMailVerifier({
        resolver: cachedResolver(
          async (name) => {
            throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
          },
          { timeoutMs: config.MAIL_DNS_TIMEOUT_MS, cacheMs: config.MAIL_DNS_CACHE_MS },
        ),
        authservId: config.MAIL_AUTHSERV_ID,
      }),
    };
    await seedDemo(ctx);
    step = async (n) => {
      const result = await ingest(ctx, withMessageId(raw, n));
      if (result.outcome !== 'created' || !result.reply || result.missing.length > 0) {
        throw new Error(`bench message not taken as a complete request: ${JSON.stringify(result)}`);
      }
    };
  }
  for (let i = 0; i < WARMUP; i++) await step(1_000_000 + i);
  const started = performance.now();
  for (let i = 1; i <= count; i++) {
    await step(i);
    if (i === 500 || i === 2000) marks[`rss_mb_at_${i}`] = Math.round(vmHwmMb() * 10) / 10;
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ mode, count, per_s: count / seconds, rss_mb: vmHwmMb(), message_bytes: raw.length, pdf_bytes: pdf.length, ...marks })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
