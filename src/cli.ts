import { Command } from 'commander';
import { registerUserCommands } from './access/cli.js';
import { registerTokenCommands } from './auth/cli.js';
import { registerCentreCommands } from './centres/cli.js';
import { registerChatCommands } from './chat/cli.js';
import { describeError, withContext } from './cli/runtime.js';
import { ConfigError } from './config.js';
import { isEmpty, seedDemo } from './db/demo.js';
import { registerIntakeCommands } from './intake/cli.js';
import { registerIntakeRunCommand } from './intake/imap/cli.js';
import { registerOutboxCommands } from './mail/cli.js';
import { registerMarksCommands } from './marks/cli.js';
import { registerRequestCommands } from './queue/cli.js';
import { registerReportCommands } from './reports/cli.js';
import { registerSearchCommand } from './search/cli.js';

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
    const { tokens, requests } = await withContext(async (ctx) => {
      if (!(await isEmpty(ctx))) throw new Error('the database already has centres; seed only an empty one');
      const seeded = await seedDemo(ctx);
      const { seedDemoRequests } = await import('./db/demo-mail.js');
      return { tokens: seeded, requests: await seedDemoRequests(ctx) };
    });
    for (const t of tokens) process.stdout.write(`${t.what}\t${t.email}\t${t.token}\n`);
    for (const r of requests) process.stdout.write(`${r.reference}\t${r.status}\t${r.what}\n`);
  });

program
  .command('demo-letters')
  .description(
    'put the demo change-of-EO letters through intake (npm start does this on a new demo); one JSON line each',
  )
  .action(async () => {
    const { seedDemoRequests } = await import('./db/demo-mail.js');
    const requests = await withContext((ctx) => seedDemoRequests(ctx));
    for (const r of requests) process.stdout.write(`${JSON.stringify(r)}\n`);
  });

registerTokenCommands(program);
registerCentreCommands(program);
registerUserCommands(program);
registerIntakeCommands(program);
registerIntakeRunCommand(program);
registerOutboxCommands(program);
registerRequestCommands(program);
registerChatCommands(program);
registerMarksCommands(program);
registerReportCommands(program);
registerSearchCommand(program);

// A reader that stops early (`cymorth outbox list | head -3`) closes the pipe: that is the end of
// the output wanted, not a failure to show as a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });

program.parseAsync(process.argv).catch((err) => {
  // A ConfigError's line already says `cymorth:`, as the server prints it.
  process.stderr.write(`${err instanceof ConfigError ? err.message : `cymorth: ${describeError(err)}`}\n`);
  process.exit(1);
});
