import type { Command } from 'commander';
import { withContext } from '../cli/runtime.js';
import { REQUEST_STATUSES, type RequestStatus } from '../db/schema/index.js';
import { translator } from '../i18n/index.js';
import { formatQueue, formatRequest } from './format.js';
import { listQueue, requestDetail } from './read.js';

const STATUS_CHOICES = [...REQUEST_STATUSES, 'open', 'all'] as const;
type StatusChoice = (typeof STATUS_CHOICES)[number];

const t = () => translator(process.env.CYMORTH_LANG === 'cy' ? 'cy' : 'en');

export function registerRequestCommands(program: Command) {
  const requests = program.command('requests').description('the verification queue of Exams Officer changes');
  requests
    .command('list')
    .description('list requests, soonest due first (times in Europe/London)')
    .option('--status <status>', `one of ${STATUS_CHOICES.join(', ')}`, 'open')
    .option('--overdue', 'only open requests past their 48 hours')
    .option('--limit <n>', 'how many to show', '100')
    .action(async (opts: { status: string; overdue?: boolean; limit: string }) => {
      if (!(STATUS_CHOICES as readonly string[]).includes(opts.status))
        throw new Error(`--status must be one of ${STATUS_CHOICES.join(', ')}`);
      const perPage = Math.min(Math.max(Number.parseInt(opts.limit, 10) || 100, 1), 1000);
      const page = await withContext((ctx) =>
        listQueue(
          ctx,
          {
            status: opts.status as StatusChoice as RequestStatus | 'open' | 'all',
            overdue: opts.overdue ? true : undefined,
            page: 1,
            per_page: perPage,
          },
          null,
        ),
      );
      process.stdout.write(`${formatQueue(t(), page)}\n`);
    });
  requests
    .command('show <reference>')
    .description('one request: fields, checks, messages, attachments, timeline')
    .action(async (reference: string) => {
      const detail = await withContext((ctx) => requestDetail(ctx, reference));
      process.stdout.write(`${formatRequest(t(), detail)}\n`);
    });
}
