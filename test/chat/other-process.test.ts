import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/chat/core/run.js';
import { linkedStaff } from '../../src/chat/identity.js';
import { renderText } from '../../src/chat/render/text.js';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { seedDemo } from '../../src/db/demo.js';
import { buildNodeContext } from '../../src/node-context.js';
import { run, scratch } from '../support/child.js';
import { createRequest } from '../support/requests.js';

// The server remembers who asks and the queue page between writes; the `cymorth` command writes
// from another process, which the server's own write count cannot see (src/db/data-version.ts).

const BIN = join(import.meta.dirname, '../../bin/cymorth.mjs');
const dir = scratch();
let server: { ctx: AppContext; close(): Promise<void> };
let reference = '';

beforeAll(async () => {
  const config = loadConfig({ DATABASE_PATH: dir.db, DATA_DIR: dir.dir, DEMO_SEED: 'false' });
  server = await buildNodeContext(config, pino({ level: 'silent' }));
  await seedDemo(server.ctx);
  reference = (await createRequest({ ctx: server.ctx, clock: server.ctx.clock })).reference;
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

const cymorth = async (...args: string[]) => {
  const ran = await run(process.execPath, [BIN, ...args], {
    DATABASE_PATH: dir.db,
    DATA_DIR: dir.dir,
    LOG_LEVEL: 'silent',
  });
  expect(ran.code, ran.stderr).toBe(0);
};

describe('what the server remembers, when the command line writes', () => {
  it('sees a link and a claim made by `cymorth` in another process', async () => {
    expect(await linkedStaff(server.ctx, 'slack', 'UOTHER')).toBeNull();
    await cymorth('chat', 'link', '--slack', 'UOTHER', '--email', 'cefnogi@cymorth.localhost');
    const p = await linkedStaff(server.ctx, 'slack', 'UOTHER');
    expect(p?.email).toBe('cefnogi@cymorth.localhost');
    if (!p) return;

    const queue = async () => renderText(await runCommand(server.ctx, p, 'queue'));
    expect(await queue()).toContain(reference);
    expect(await queue()).not.toContain('Alun Support');
    await cymorth('chat', '--as', 'cefnogi@cymorth.localhost', `claim ${reference}`);
    expect(await queue()).toContain('Alun Support');
  });
});
