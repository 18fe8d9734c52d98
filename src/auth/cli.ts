import type { Command } from 'commander';
import { systemActor } from '../audit/record.js';
import { withContext } from '../cli/runtime.js';
import { createToken, revokeTokens, TOKEN_ROLES, type TokenRole } from './token-service.js';

export function registerTokenCommands(program: Command) {
  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create a token (and the account if needed); the token is the last line printed')
    .requiredOption('--role <role>', `one of ${TOKEN_ROLES.join(', ')}`)
    .option('--email <email>', 'the account email (default for --role eo: the centre EO email)')
    .option('--centre <number>', 'centre number, for eo/admin/user')
    .option('--name <name>', 'full name for a new account')
    .action(async (opts: { role: string; email?: string; centre?: string; name?: string }) => {
      if (!(TOKEN_ROLES as readonly string[]).includes(opts.role)) {
        throw new Error(`--role must be one of ${TOKEN_ROLES.join(', ')}`);
      }
      const { token: value, account } = await withContext((ctx) =>
        createToken(ctx, systemActor('cli'), { ...opts, role: opts.role as TokenRole, label: 'cli' }),
      );
      process.stdout.write(
        `token for ${account.email} (${opts.role}${opts.centre ? ` at ${opts.centre}` : ''}):\n${value}\n`,
      );
    });
  token
    .command('revoke')
    .description('end one token, or every token of an account')
    .option('--token <token>', 'the token to end')
    .option('--email <email>', 'end every token of this account')
    .action(async (opts: { token?: string; email?: string }) => {
      const n = await withContext((ctx) => revokeTokens(ctx, systemActor('cli'), opts));
      process.stdout.write(`revoked ${n} token(s)\n`);
    });
}
