import type { Command } from 'commander';
import { withContext } from '../cli/runtime.js';
import { runCommand } from './core/run.js';
import { linkChatUser, staffByEmail } from './identity.js';
import { renderText } from './render/text.js';

export function registerChatCommands(program: Command) {
  const chat = program
    .command('chat')
    .description('the chat commands from the shell, and linking Slack or Teams users to staff accounts')
    .argument('[command...]', 'a chat command, e.g. "queue mine" or "ciw hwyr"; "help" lists them')
    .option('--as <email>', 'the staff account to act as (its role and language apply)')
    .action(async (words: string[], opts: { as?: string }) => {
      if (!opts.as) throw new Error('--as <staff email> is required');
      const text = words.join(' ');
      const out = await withContext(async (ctx) => {
        const p = await staffByEmail(ctx, opts.as as string);
        if (!p) throw new Error(`no active staff account has the email ${opts.as}`);
        return renderText(await runCommand(ctx, p, text));
      });
      process.stdout.write(`${out}\n`);
    });
  chat
    .command('link')
    .description('link a Slack user id (U…) or a Teams AAD object id to a staff account')
    .option('--slack <id>', 'Slack user id')
    .option('--teams <id>', 'Teams user AAD object id')
    .requiredOption('--email <email>', 'the staff account')
    .action(async (opts: { slack?: string; teams?: string; email: string }) => {
      if (Boolean(opts.slack) === Boolean(opts.teams))
        throw new Error('give one of --slack <id> or --teams <id>');
      const platform = opts.slack ? 'slack' : 'teams';
      const externalId = (opts.slack ?? opts.teams) as string;
      const p = await withContext((ctx) =>
        linkChatUser(ctx, { platform, externalId, email: opts.email, via: 'cli' }),
      );
      process.stdout.write(`linked ${platform} ${externalId} to ${p.label}\n`);
    });
}
