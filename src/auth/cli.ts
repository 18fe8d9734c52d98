import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../audit/record.js';
import { withContext } from '../cli/runtime.js';
import { STAFF_ROLES, type StaffRole } from '../db/schema/index.js';
import { staffTokenSql } from './d1-bootstrap.js';
import { CENTRE_ROLES, createToken, revokeTokens, TOKEN_ROLES, type TokenRole } from './token-service.js';

type CreateOptions = { role: string; email?: string; centre?: string; name?: string; d1Sql?: string };

/** `--d1-sql FILE`: the token as SQL for a deployed Worker's D1, written to FILE; no local database. */
async function createForD1(opts: CreateOptions & { d1Sql: string }) {
  if (!(STAFF_ROLES as readonly string[]).includes(opts.role) || opts.centre)
    throw new Error(`--d1-sql makes staff tokens: --role ${STAFF_ROLES.join('|')}, without --centre`);
  if (!opts.email) throw new Error('--d1-sql needs --email');
  const made = await staffTokenSql({
    role: opts.role as StaffRole,
    email: opts.email,
    name: opts.name,
    now: new Date(),
  });
  writeFileSync(opts.d1Sql, made.sql);
  process.stdout.write(
    `wrote ${opts.d1Sql}; apply it with: npx wrangler d1 execute cymorth --remote --file ${opts.d1Sql}\n` +
      `token for ${opts.email} (${opts.role}, valid once the file is applied):\n${made.token}\n`,
  );
}

export function registerTokenCommands(program: Command) {
  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description(
      'create a token (and the account if needed); the token is the last line printed. An invited account ' +
        'that has not accepted its invite gets no token: it is refused, since the API would refuse the token',
    )
    .requiredOption(
      '--role <role>',
      `staff: ${STAFF_ROLES.join(', ')}; with --centre: ${CENTRE_ROLES.join(', ')} (admin with --centre is the centre's Admin)`,
    )
    .option('--email <email>', 'the account email (default for --role eo: the centre EO email)')
    .option('--centre <number>', 'centre number, for eo/admin/user')
    .option('--name <name>', 'full name for a new account')
    .option('--d1-sql <file>', 'write the token as SQL for a deployed Worker (wrangler d1 execute) instead')
    .action(async (opts: CreateOptions) => {
      if (!(TOKEN_ROLES as readonly string[]).includes(opts.role)) {
        throw new Error(`--role must be one of ${TOKEN_ROLES.join(', ')}`);
      }
      if (opts.d1Sql) return createForD1({ ...opts, d1Sql: opts.d1Sql });
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
