import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { ingest } from './pipeline.js';
import type { IngestResult } from './result.js';

export const dropDirOf = (config: Config) => config.MAIL_DROP_DIR ?? join(config.DATA_DIR, 'mail', 'inbox');

export interface DropFolderOptions {
  dir?: string;
  pollMs?: number;
  /** Called after each file, e.g. by tests that wait for a message to be read. */
  onResult?: (file: string, result: IngestResult) => void;
}

/**
 * Reads every `*.eml` in the folder, oldest name first, then moves it to `processed/` or `set-aside/`.
 * The move comes after the message is stored, so a crash in between only means the file is read
 * again and reported as a duplicate. A writer should write under another name and rename to `.eml`.
 */
export async function drainDropFolder(ctx: AppContext, opts: DropFolderOptions = {}): Promise<number> {
  const dir = opts.dir ?? dropDirOf(ctx.config);
  await mkdir(join(dir, 'processed'), { recursive: true });
  await mkdir(join(dir, 'set-aside'), { recursive: true });
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.eml'))
    .map((e) => e.name)
    .sort();
  let done = 0;
  for (const name of names) {
    const path = join(dir, name);
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) continue;
    const result = await ingest(ctx, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const to = result.outcome === 'set_aside' ? 'set-aside' : 'processed';
    await rename(path, join(dir, to, name));
    ctx.logger.info(
      { file: name, outcome: result.outcome, reason: result.reason, reference: result.reference },
      'intake: drop folder message read',
    );
    opts.onResult?.(name, result);
    done++;
  }
  return done;
}

/** Polls the drop folder until stopped; the returned function waits for the pass in flight. */
export function startDropFolder(ctx: AppContext, opts: DropFolderOptions = {}): () => Promise<void> {
  const pollMs = opts.pollMs ?? ctx.config.MAIL_DROP_POLL_MS;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      await drainDropFolder(ctx, opts);
    } catch (err) {
      ctx.logger.error({ err }, 'intake: drop folder pass failed, will try again');
    }
    if (!stopped) timer = setTimeout(tick, pollMs);
  };
  const tick = () => {
    running = pass();
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
