import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { buildNodeContext } from '../../node-context.js';
import { startIntake } from '../sources.js';

export function registerIntakeRunCommand(program: Command) {
  program
    .command('intake')
    .description('the mail intake')
    .command('run')
    .description(
      'read mail in the foreground until SIGTERM/SIGINT: the IMAP_URL mailbox, or the drop folder without it',
    )
    .action(async () => {
      const { ctx, close } = await buildNodeContext(loadConfig(process.env));
      const intake = startIntake(ctx);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      ctx.logger.info({ signal }, 'intake stopping: finishing the message in flight');
      await intake.stop();
      close();
    });
}
