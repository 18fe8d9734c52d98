import type { Command } from 'commander';

export function registerIntakeRunCommand(program: Command) {
  program
    .command('intake')
    .description('the mail intake')
    .command('run')
    .description(
      'read mail in the foreground until SIGTERM/SIGINT: the IMAP_URL mailbox, or the drop folder without it',
    )
    // Loaded when run: the IMAP library is most of what every other command would otherwise load first.
    .action(async () => (await import('./run.js')).runIntake(process.env));
}
