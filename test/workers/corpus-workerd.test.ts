import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWorkerd } from './workerd.js';

const CORPUS = resolve(import.meta.dirname, '../../../shared/corpus/eml');

/**
 * Refusals of Miniflare's local stand-in for Email Routing, made before our handler runs: a message
 * over its 1 MiB local limit, one postal-mime cannot parse or finds no Message-ID in, and one whose
 * header names its `Headers` will not take (mbox "From " lines and the like).
 */
const LOCAL_REFUSAL = /1Mib|could not be parsed|Invalid header name/;

describe.runIf(existsSync(CORPUS))('the real-mail corpus through the Worker’s email() handler', () => {
  let worker: Awaited<ReturnType<typeof bootWorkerd>>;
  beforeAll(async () => {
    worker = await bootWorkerd();
  });
  afterAll(() => worker?.dispose());

  it('stores every message it is handed and answers none of them, so no sender is told to try again', async () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.eml'));
    const failed: string[] = [];
    let handed = 0;
    for (const file of files) {
      const raw = new Uint8Array(readFileSync(join(CORPUS, file)));
      const { status, text } = await worker.email(raw, {
        from: 'sender@example.org',
        to: 'centres@cymorth.localhost',
      });
      if (status !== 200 && LOCAL_REFUSAL.test(text)) continue;
      handed++;
      if (status !== 200) failed.push(`${file}: ${status} ${text.split('\n')[0]}`);
    }
    expect(failed).toEqual([]);
    expect(handed).toBeGreaterThan(300);
    const { results } = await worker.db
      .prepare('select outcome, count(*) as n from mail_messages group by outcome')
      .all<{ outcome: string; n: number }>();
    // Nothing in the corpus is a change of Exams Officer: every message stored is set aside, none answered.
    expect(results.map((r) => r.outcome)).toEqual(['set_aside']);
    expect(results[0]?.n).toBeGreaterThan(250);
    const { results: queued } = await worker.db
      .prepare('select count(*) as n from outbox')
      .all<{ n: number }>();
    expect(queued[0]?.n).toBe(0);
  }, 120_000);
});
