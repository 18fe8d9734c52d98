import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../audit/record.js';
import { withContext } from '../cli/runtime.js';
import { importCentres } from './import.js';

export function registerCentreCommands(program: Command) {
  program
    .command('import')
    .description('import data from a file')
    .command('centres <file>')
    .description('import or update centres by number from a CSV (all rows or none)')
    .action(async (file: string) => {
      // Bytes, not text: Excel's "CSV (Comma delimited)" is Windows-1252, which the import detects.
      const csv = readFileSync(file);
      const result = await withContext((ctx) => importCentres(ctx, systemActor('cli import'), csv));
      process.stdout.write(
        `imported ${result.rows} rows: ${result.created} new, ${result.updated} updated\n`,
      );
    });
}
