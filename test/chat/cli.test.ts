import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/db/demo.js';
import { buildNodeContext } from '../../src/node-context.js';
import { run, scratch } from '../support/child.js';
import { createRequest } from '../support/requests.js';

const BIN = join(import.meta.dirname, '../../bin/cymorth.mjs');
const dir = scratch();
let reference = '';

beforeAll(async () => {
  const config = loadConfig({ DATABASE_PATH: dir.db, DATA_DIR: dir.dir, DEMO_SEED: 'false' });
  const { ctx, close } = await buildNodeContext(config, pino({ level: 'silent' }));
  await seedDemo(ctx);
  reference = (await createRequest({ ctx, clock: ctx.clock })).reference;
  close();
});
afterAll(() => dir.remove());

const cymorth = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { DATABASE_PATH: dir.db, DATA_DIR: dir.dir, LOG_LEVEL: 'silent' });

describe('cymorth chat', () => {
  it('runs chat commands as a staff member, in English or Welsh words, and links chat users', async () => {
    const queue = await cymorth('chat', '--as', 'cefnogi@cymorth.localhost', 'ciw');
    expect(queue.code, queue.stderr).toBe(0);
    expect(queue.stdout).toContain('Requests still to be worked: 1');
    expect(queue.stdout).toContain(reference);
    const shown = await cymorth('chat', '--as', 'cefnogi@cymorth.localhost', 'cais', reference.toLowerCase());
    expect(shown.stdout).toContain(`Change of Exams Officer ${reference}`);
    expect(shown.stdout).toContain('[Claim]');

    const linked = await cymorth('chat', 'link', '--slack', 'U123', '--email', 'cefnogi@cymorth.localhost');
    expect(linked.stdout).toContain('linked slack U123 to Alun Support');
    const both = await cymorth(
      'chat',
      'link',
      '--slack',
      'U1',
      '--teams',
      'x',
      '--email',
      'cefnogi@cymorth.localhost',
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('give one of --slack <id> or --teams <id>');
    const stranger = await cymorth('chat', '--as', 'arholiadau@ysgolgwyr.cymru', 'queue');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('no active staff account has the email arholiadau@ysgolgwyr.cymru');
  });
});
