import type { WebClient } from '@slack/web-api';
import { and, asc, desc, eq, isNull, lte, or } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { type ChatPostRow, chatPosts, chatThreads, requests } from '../db/schema/index.js';
import { translator } from '../i18n/index.js';
import { londonTime } from '../queue/format.js';
import { requestDetail } from '../queue/read.js';
import { requestCard } from './core/cards.js';
import { renderSlack } from './render/slack.js';
import { teamsMessage } from './render/teams.js';

const LEASE_MS = 60_000;
const BATCH = 20;

export interface ChatTransport {
  slack?: WebClient;
  /** Posts a Teams card to the Workflows webhook; the global fetch on Node. */
  fetch: typeof fetch;
}

/** A failure that says when to try again: Slack's 429 with Retry-After, or any other to back off from. */
class Later extends Error {
  constructor(
    message: string,
    readonly afterMs: number | null,
  ) {
    super(message);
  }
}

function asLater(err: unknown): Later {
  const e = err as { code?: string; retryAfter?: number; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number')
    return new Later('rate limited', e.retryAfter * 1000);
  return err instanceof Later ? err : new Later(e.message ?? String(err), null);
}

async function claimDue(ctx: AppContext): Promise<ChatPostRow[]> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select()
    .from(chatPosts)
    .where(
      and(
        eq(chatPosts.status, 'pending'),
        lte(chatPosts.nextAttemptAt, now),
        or(isNull(chatPosts.leaseUntil), lte(chatPosts.leaseUntil, now)),
      ),
    )
    .orderBy(asc(chatPosts.id))
    .limit(BATCH);
  const claimed: ChatPostRow[] = [];
  for (const row of due) {
    // A guarded claim: two workers never deliver the same row.
    const [won] = await ctx.db
      .update(chatPosts)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where(
        and(
          eq(chatPosts.id, row.id),
          eq(chatPosts.status, 'pending'),
          or(isNull(chatPosts.leaseUntil), lte(chatPosts.leaseUntil, now)),
        ),
      )
      .returning();
    if (won) claimed.push(won);
  }
  return claimed;
}

/** The card as the request stands now, in the triage channel's language. */
async function cardOf(ctx: AppContext, requestId: number) {
  const row = await ctx.db
    .select({ reference: requests.reference })
    .from(requests)
    .where(eq(requests.id, requestId))
    .get();
  const detail = await requestDetail(ctx, row?.reference ?? '');
  const base = ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`;
  return { detail, reply: requestCard(translator(ctx.config.CHAT_LANGUAGE), detail, base) };
}

/** Posts the request's card once, or updates the message it already has; answers its ts and the request. */
async function syncSlackCard(ctx: AppContext, slack: WebClient, requestId: number) {
  const channel = ctx.config.SLACK_TRIAGE_CHANNEL as string;
  const { detail, reply } = await cardOf(ctx, requestId);
  const message = renderSlack(reply);
  const thread = await ctx.db
    .select()
    .from(chatThreads)
    .where(and(eq(chatThreads.requestId, requestId), eq(chatThreads.platform, 'slack')))
    .get();
  if (thread) {
    await slack.chat.update({ channel: thread.channel, ts: thread.ts, ...message });
    return { ts: thread.ts, detail };
  }
  const posted = await slack.chat.postMessage({ channel, ...message });
  const ts = String(posted.ts);
  await ctx.db.insert(chatThreads).values({
    requestId,
    platform: 'slack',
    channel: String(posted.channel ?? channel),
    ts,
    updatedAt: ctx.clock.now(),
  });
  return { ts, detail };
}

function reminderText(ctx: AppContext, kind: 'due_soon' | 'overdue', reference: string, dueAt: string) {
  return translator(ctx.config.CHAT_LANGUAGE)(`chat:reminder.${kind}`, { reference, due: londonTime(dueAt) });
}

async function deliverSlack(ctx: AppContext, slack: WebClient, row: ChatPostRow) {
  const { ts, detail } = await syncSlackCard(ctx, slack, row.requestId);
  if (row.kind === 'card') return;
  const text = reminderText(ctx, row.kind, detail.reference, detail.due_at);
  await slack.chat.postMessage({ channel: ctx.config.SLACK_TRIAGE_CHANNEL as string, thread_ts: ts, text });
}

async function deliverTeams(ctx: AppContext, transport: ChatTransport, row: ChatPostRow) {
  const { detail, reply } = await cardOf(ctx, row.requestId);
  const body =
    row.kind === 'card'
      ? reply
      : { title: reminderText(ctx, row.kind, detail.reference, detail.due_at), link: reply.link };
  const res = await transport.fetch(ctx.config.TEAMS_WORKFLOW_URL as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(teamsMessage(body)),
  });
  if (res.status === 429)
    throw new Later('rate limited', Number(res.headers.get('retry-after') ?? 60) * 1000);
  if (!res.ok) throw new Later(`teams workflow answered ${res.status}`, null);
}

/** The newest card row of a request on a platform: a card rendered now covers every row up to it. */
async function newestCard(ctx: AppContext, row: ChatPostRow): Promise<number> {
  const [newest] = await ctx.db
    .select({ id: chatPosts.id })
    .from(chatPosts)
    .where(
      and(
        eq(chatPosts.requestId, row.requestId),
        eq(chatPosts.platform, row.platform),
        eq(chatPosts.kind, 'card'),
        eq(chatPosts.status, 'pending'),
      ),
    )
    .orderBy(desc(chatPosts.id))
    .limit(1);
  return Math.max(newest?.id ?? row.id, row.id);
}

async function markSent(ctx: AppContext, row: ChatPostRow, coveredUpTo: number) {
  const done =
    row.kind === 'card'
      ? and(
          eq(chatPosts.requestId, row.requestId),
          eq(chatPosts.platform, row.platform),
          eq(chatPosts.kind, 'card'),
          eq(chatPosts.status, 'pending'),
          lte(chatPosts.id, coveredUpTo),
        )
      : eq(chatPosts.id, row.id);
  await ctx.db
    .update(chatPosts)
    .set({ status: 'sent', sentAt: ctx.clock.now(), leaseUntil: null })
    .where(done);
}

async function reschedule(ctx: AppContext, row: ChatPostRow, err: Later) {
  const now = ctx.clock.now();
  const attempts = row.attempts + (err.afterMs === null ? 1 : 0);
  const failed = attempts >= ctx.config.OUTBOX_MAX_ATTEMPTS;
  const wait = err.afterMs ?? Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
  await ctx.db
    .update(chatPosts)
    .set({
      attempts,
      status: failed ? 'failed' : 'pending',
      lastError: err.message.slice(0, 500),
      leaseUntil: null,
      nextAttemptAt: new Date(now.getTime() + wait),
    })
    .where(eq(chatPosts.id, row.id));
  ctx.logger.warn(
    { post: row.id, platform: row.platform, error: err.message, retry_in_ms: failed ? null : wait },
    'chat post not delivered',
  );
}

/** One pass: claims what is due and delivers it; answers how many were delivered. */
export async function deliverChat(ctx: AppContext, transport: ChatTransport): Promise<number> {
  let delivered = 0;
  // A card delivered in this pass showed the request as it is now: later card rows for it are done.
  const shown = new Set<string>();
  for (const row of await claimDue(ctx)) {
    const key = `${row.platform}:${row.requestId}`;
    if (row.kind === 'card' && shown.has(key)) continue;
    try {
      const coveredUpTo = row.kind === 'card' ? await newestCard(ctx, row) : row.id;
      if (row.platform === 'slack') {
        if (!transport.slack) throw new Later('slack is not set up', null);
        await deliverSlack(ctx, transport.slack, row);
      } else await deliverTeams(ctx, transport, row);
      await markSent(ctx, row, coveredUpTo);
      if (row.kind === 'card') shown.add(key);
      delivered++;
    } catch (err) {
      await reschedule(ctx, row, asLater(err));
    }
  }
  return delivered;
}

export function startChatDelivery(ctx: AppContext, transport: ChatTransport): () => Promise<void> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      await deliverChat(ctx, transport);
    } catch (err) {
      ctx.logger.error({ err }, 'chat delivery pass failed; trying again at the next poll');
    }
    if (!stopped) timer = setTimeout(tick, ctx.config.CHAT_POLL_MS);
  };
  const tick = () => {
    running = pass();
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
