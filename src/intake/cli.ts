import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { withContext } from '../cli/runtime.js';
import { ingest } from './pipeline.js';

/** `cymorth ingest FILE.eml...`: the same pipeline as the mailbox, one JSON line per message, in order. */
export function registerIntakeCommands(program: Command) {
  program
    .command('ingest <files...>')
    .description('run .eml files through mail intake, in order, printing one JSON line per message')
    .action(async (files: string[]) => {
      await withContext(async (ctx) => {
        for (const file of files) {
          const bytes = await readFile(file);
          const result = await ingest(ctx, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          process.stdout.write(`${JSON.stringify(result)}\n`);
        }
      });
    });
}
