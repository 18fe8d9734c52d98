import { Command } from 'commander';
import { registerUserCommands } from './access/cli.js';
import { registerTokenCommands } from './auth/cli.js';
import { registerCentreCommands } from './centres/cli.js';
import { describeError, withContext } from './cli/runtime.js';
import { ConfigError } from './config.js';
import { isEmpty, seedDemo } from './db/demo.js';
import { registerIntakeCommands } from './intake/cli.js';
import { registerIntakeRunCommand } from './intake/imap/cli.js';
import { registerOutboxCommands } from './mail/cli.js';
import { registerMarksCommands } from './marks/cli.js';
import { registerRequestCommands } from './queue/cli.js';
import { registerReportCommands } from './reports/cli.js';

const program = new Command('cymorth')
  .description(
    'cymorth: the bilingual centre support desk. Every command uses DATABASE_PATH (migrated on open).',
  )
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply database migrations (every command does this on open)')
  .action(async () => {
    await withContext(async () => undefined);
    process.stdout.write('database is up to date\n');
  });

program
  .command('seed')
  .description('load the demo centres and accounts and print demo tokens')
  .option('--demo', 'the demo data set (the only one)', true)
  .action(async () => {
    const tokens = await withContext(async (ctx) => {
      if (!(await isEmpty(ctx))) throw new Error('the database already has centres; seed only an empty one');
      return seedDemo(ctx);
    });
    for (const t of tokens) process.stdout.write(`${t.what}\t${t.email}\t${t.token}\n`);
  });

registerTokenCommands(program);
registerCentreCommands(program);
registerUserCommands(program);
registerIntakeCommands(program);
registerIntakeRunCommand(program);
registerOutboxCommands(program);
registerRequestCommands(program);
registerMarksCommands(program);
registerReportCommands(program);

program.parseAsync(process.argv).catch((err) => {
  // A ConfigError's line already says `cymorth:`, as the server prints it.
  process.stderr.write(`${err instanceof ConfigError ? err.message : `cymorth: ${describeError(err)}`}\n`);
  process.exit(1);
});
