import type { Command } from 'commander';
import type { Principal } from '../auth/principal.js';
import { withContext } from '../cli/runtime.js';
import { GRANTS, type Grant } from './grants.js';
import { setAccess } from './users/access.js';
import { deleteUser } from './users/delete.js';
import { InviteBody, ListUsersQuery } from './users/schema.js';
import { inviteUser, listUsers } from './users/service.js';

/**
 * The CLI acts as the awarding body's operator: a staff admin without an account of its own, so
 * audit records name it as `cli` and the same service rules apply (grant subset excepted: staff hold all).
 */
const OPERATOR: Principal = {
  kind: 'staff',
  staffRole: 'admin',
  accountId: 0,
  email: 'cli',
  language: 'en',
  label: 'cli',
};

function grantsOf(list: string | undefined): Grant[] {
  const names = (list ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  const unknown = names.filter((g) => !(GRANTS as readonly string[]).includes(g));
  if (unknown.length) throw new Error(`unknown grant(s) ${unknown.join(', ')}; known: ${GRANTS.join(', ')}`);
  return names as Grant[];
}

const print = (lines: string[]) => {
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
};

export function registerUserCommands(program: Command) {
  const users = program.command('users').description("a centre's accounts: list, invite, grant, delete");
  users
    .command('list')
    .description("list a centre's accounts (tab-separated: id, email, name, type, hub role, status, grants)")
    .requiredOption('--centre <number>', 'centre number')
    .option('--q <text>', 'part of a name or email')
    .option('--status <status>', 'active, invited or deleted')
    .action(async (opts: { centre: string; q?: string; status?: string }) => {
      const query = ListUsersQuery.parse({ q: opts.q, status: opts.status, per_page: 100 });
      const lines: string[] = [];
      await withContext(async (ctx) => {
        for (let page = 1; ; page++) {
          const res = await listUsers(ctx, OPERATOR, opts.centre, { ...query, page });
          for (const u of res.data)
            lines.push(
              [
                u.id,
                u.email,
                `${u.first_name} ${u.last_name}`,
                u.account_type,
                u.hub_role ?? '-',
                u.status,
                u.grants.join(','),
              ].join('\t'),
            );
          if (page * res.per_page >= res.total) break;
        }
      });
      print(lines);
    });
  users
    .command('invite')
    .description('invite a user; the invite mail is queued in their language')
    .requiredOption('--centre <number>', 'centre number')
    .requiredOption('--email <email>', 'their email: the username')
    .requiredOption('--first-name <name>', 'first name')
    .requiredOption('--last-name <name>', 'last name')
    .option('--language <lang>', 'en or cy', 'en')
    .option('--type <type>', 'admin or user', 'user')
    .option('--hub-role <role>', 'EO, SLT or INV')
    .option('--grants <list>', `comma-separated: ${GRANTS.join(',')}`)
    .action(async (opts: Record<string, string | undefined>) => {
      const input = InviteBody.parse({
        first_name: opts.firstName,
        last_name: opts.lastName,
        email: opts.email,
        language: opts.language,
        account_type: opts.type,
        hub_role: opts.hubRole,
        grants: opts.grants ? grantsOf(opts.grants) : undefined,
      });
      const user = await withContext((ctx) => inviteUser(ctx, OPERATOR, String(opts.centre), input));
      print([`invited ${user.email} (id ${user.id}); the link expires ${user.invite_expires_at}`]);
    });
  users
    .command('grant')
    .description("set an account's grants to exactly this list (empty list: none)")
    .requiredOption('--centre <number>', 'centre number')
    .requiredOption('--id <id>', 'account id')
    .requiredOption('--grants <list>', `comma-separated: ${GRANTS.join(',')}`)
    .action(async (opts: { centre: string; id: string; grants: string }) => {
      const user = await withContext((ctx) =>
        setAccess(ctx, OPERATOR, opts.centre, Number(opts.id), grantsOf(opts.grants)),
      );
      print([`${user.email}: ${user.grants.join(', ') || '(no grants)'}`]);
    });
  users
    .command('delete')
    .description('delete an account for good; needs --confirm DELETE (or DILEU)')
    .requiredOption('--centre <number>', 'centre number')
    .requiredOption('--id <id>', 'account id')
    .option('--confirm <word>', 'DELETE or DILEU')
    .action(async (opts: { centre: string; id: string; confirm?: string }) => {
      const gone = await withContext((ctx) =>
        deleteUser(ctx, OPERATOR, opts.centre, Number(opts.id), opts.confirm),
      );
      print([`deleted ${gone.email} (id ${gone.id}) at ${gone.deleted_at}`]);
    });
}
