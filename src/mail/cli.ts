import type { Command } from 'commander';
import { withContext } from '../cli/runtime.js';
import type { OutboxRow } from '../db/schema/outbox.js';
import { deliverDue } from './delivery.js';
import { isOutboxStatus, listOutbox, retryFailed } from './queries.js';
import { templateFiles } from './template-files.js';

const iso = (d: Date | null) => (d ? d.toISOString() : '-');

function line(row: OutboxRow): string {
  const when =
    row.status === 'sent' ? iso(row.sentAt) : row.status === 'failed' ? '-' : iso(row.nextAttemptAt);
  return [
    row.id,
    row.status,
    row.attempts,
    when,
    row.toAddress,
    `${row.template}/${row.language}`,
    row.lastError ?? '',
  ].join('\t');
}

export function registerOutboxCommands(program: Command) {
  const outbox = program.command('outbox').description('outgoing mail: see, send and retry queued messages');

  outbox
    .command('list')
    .description('queued and sent messages, newest first (sent: when sent; pending: when next tried)')
    .option('--status <status>', 'only pending, sending, sent or failed')
    .option('--limit <n>', 'at most this many (the newest); a line on stderr says when there are more', '100')
    .action(async (opts: { status?: string; limit: string }) => {
      const status = opts.status;
      if (status !== undefined && !isOutboxStatus(status)) {
        throw new Error(`--status must be pending, sending, sent or failed, not ${JSON.stringify(status)}`);
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new Error(`--limit is a whole number of messages, not ${JSON.stringify(opts.limit)}`);
      // One more than shown tells whether the list stops short, without counting the whole table.
      const rows = await withContext((ctx) => listOutbox(ctx, { status, limit: limit + 1 }));
      process.stdout.write('id\tstatus\tattempts\twhen\tto\ttemplate\tlast_error\n');
      for (const row of rows.slice(0, limit)) process.stdout.write(`${line(row)}\n`);
      // On stderr, so a script reading the rows is not handed a line that is not one.
      if (rows.length > limit)
        process.stderr.write(
          `cymorth: showing the newest ${limit} messages; there are more: use --limit ${limit * 10} or --status to see others\n`,
        );
    });

  outbox
    .command('deliver')
    .description('send every message that is due now, once, and print what happened')
    .action(async () => {
      const outcomes = await withContext((ctx) => deliverDue(ctx, { templates: templateFiles() }));
      if (outcomes.length === 0) process.stdout.write('nothing due\n');
      for (const o of outcomes) {
        const detail =
          o.result === 'sent'
            ? o.subject
            : o.result === 'retry'
              ? `${o.error} (next try ${iso(o.nextAttemptAt ?? null)})`
              : o.error;
        process.stdout.write(`${o.result}\t${o.id}\t${o.messageId}\t${o.to}\t${detail}\n`);
      }
    });

  outbox
    .command('retry <id>')
    .description('queue a failed message again, due now, with a fresh set of attempts')
    .action(async (id: string) => {
      if (!/^\d+$/.test(id))
        throw new Error(`the message id is a number, as in \`outbox list\`, not ${JSON.stringify(id)}`);
      const row = await withContext((ctx) => retryFailed(ctx, Number(id)));
      process.stdout.write(`message ${row.id} to ${row.toAddress} is pending again\n`);
    });
}
