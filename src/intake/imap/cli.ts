import type { Command } from 'commander';
import { runIntake } from './run.js';

export function registerIntakeRunCommand(program: Command) {
  program
    .command('intake')
    .description('the mail intake')
    .command('run')
    .description(
      'read mail in the foreground until SIGTERM/SIGINT: the IMAP_URL mailbox, or the drop folder without it',
    )
    .action(() => runIntake(process.env));
}
