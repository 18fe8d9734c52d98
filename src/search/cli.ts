import type { Command } from 'commander';
import type { Principal } from '../auth/principal.js';
import { withContext } from '../cli/runtime.js';
import { search } from './service.js';

/** The operator at the command line searches as staff do. */
const OPERATOR: Principal = {
  kind: 'staff',
  staffRole: 'helpline',
  accountId: 0,
  email: 'cli',
  language: 'en',
  label: 'cli',
};

export function registerSearchCommand(program: Command) {
  program
    .command('search <words...>')
    .description(
      'find centres (number, name, any address on record) and accounts (name, email) as GET /api/v1/search does; ' +
        'case, accents and punctuation are ignored',
    )
    .option('--limit <n>', 'at most this many hits', '50')
    .action(async (words: string[], opts: { limit: string }) => {
      const perPage = Math.min(100, Math.max(1, Number(opts.limit) || 50));
      const res = await withContext((ctx) =>
        search(ctx, OPERATOR, { q: words.join(' '), page: 1, per_page: perPage }),
      );
      process.stdout.write('type\tcentre\tcentre_name\trole\tname\temail\tstatus\n');
      for (const hit of res.data)
        process.stdout.write(
          `${[hit.type, hit.centre?.number ?? '-', hit.centre?.name ?? '-', hit.role, hit.name ?? '-', hit.email ?? '-', hit.status ?? '-'].join('\t')}\n`,
        );
      if (res.total > res.data.length)
        process.stderr.write(
          `cymorth: showing ${res.data.length} of ${res.total} hits; use --limit or more words\n`,
        );
    });
}
