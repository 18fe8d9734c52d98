import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/db/demo.js';
import { buildNodeContext } from '../../src/node-context.js';
import { createRequest } from '../support/requests.js';

const BIN = join(import.meta.dirname, '../../bin/cymorth.mjs');
let dataDir: string;
let refs: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cymorth-queue-cli-'));
  const config = loadConfig({
    DATABASE_PATH: join(dataDir, 'cymorth.sqlite'),
    DATA_DIR: dataDir,
    DEMO_SEED: 'false',
  });
  const { ctx, close } = await buildNodeContext(config, pino({ level: 'silent' }));
  // Two days ago, so the first request is overdue by the real clock the CLI uses.
  const clock = fixedClock(new Date(Date.now() - 50 * 60 * 60 * 1000));
  const env = { ctx: { ...ctx, clock }, clock };
  await seedDemo(env.ctx);
  const old = await createRequest(env);
  clock.set(new Date(Date.now() - 60 * 1000));
  const fresh = await createRequest(env, { centre: '66410', missing: ['signatory'] });
  refs = [old.reference, fresh.reference];
  close();
  return () => rmSync(dataDir, { recursive: true, force: true });
});

function cymorth(args: string[], extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      DATABASE_PATH: join(dataDir, 'cymorth.sqlite'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('cymorth requests', () => {
  it('list prints the queue as a table, overdue first, and --overdue filters', async () => {
    const all = await cymorth(['requests', 'list']);
    expect(all.code, all.stderr).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Reference\s+Status\s+Centre\s+Due\s+Time left\s+Assignee\s+Flagged$/);
    expect(lines[2]).toMatch(
      new RegExp(
        `^${refs[0]}\\s+awaiting verification\\s+68123 Ysgol Gyfun Gŵyr .* overdue by 2h \\d\\dm\\s+none`,
      ),
    );
    expect(lines[3]).toMatch(
      new RegExp(`^${refs[1]}\\s+incomplete\\s+66410 St Teilo's High School .* 4[78]h \\d\\dm\\s+none`),
    );
    expect(lines.at(-1)).toBe('2 of 2 requests shown.');

    const overdue = await cymorth(['requests', 'list', '--overdue'], { CYMORTH_LANG: 'cy' });
    expect(overdue.stdout).toContain(refs[0]);
    expect(overdue.stdout).not.toContain(refs[1]);
    expect(overdue.stdout).toContain('yn hwyr o 2 awr');
  });

  it('show prints one request with its fields, the number to call back and the timeline', async () => {
    const res = await cymorth(['requests', 'show', String(refs[0])]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`${refs[0]}  awaiting verification  68123 Ysgol Gyfun Gŵyr`);
    expect(res.stdout).toContain("New Exams Officer's name: Mrs Joanne Price [body_line]");
    expect(res.stdout).toContain('Call back the centre on its registered telephone: 029 2018 0101');
    expect(res.stdout).toContain('#1 llythyr.pdf (application/pdf');
  });

  it('an unknown reference is an error on stderr', async () => {
    const res = await cymorth(['requests', 'show', 'EO-2026-99999']);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('cymorth: There is no request with the reference EO-2026-99999.\n');
  });
});
