import type { SQL } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import { type ChatPlatform, type ChatPostKind, chatPosts } from '../db/schema/index.js';

export const slackEnabled = (c: Config) => Boolean(c.SLACK_BOT_TOKEN && c.SLACK_TRIAGE_CHANNEL);
export const teamsEnabled = (c: Config) => Boolean(c.TEAMS_WORKFLOW_URL);

/**
 * The triage posts a change to a request causes, for the same atomic write as the change: Slack's card
 * is posted once and updated on every move; a Teams Workflows webhook can only post, so Teams hears of
 * new requests and reminders. Nothing is written for a platform that is not set up.
 */
export function chatPostStatements(
  ctx: AppContext,
  requestId: number | SQL<number>,
  kind: ChatPostKind,
  opts: { isNew?: boolean } = {},
): Statement[] {
  const platforms: ChatPlatform[] = [];
  if (slackEnabled(ctx.config)) platforms.push('slack');
  if (teamsEnabled(ctx.config) && (kind !== 'card' || opts.isNew)) platforms.push('teams');
  const now = ctx.clock.now();
  return platforms.map((platform) =>
    ctx.db.insert(chatPosts).values({ platform, requestId, kind, nextAttemptAt: now, createdAt: now }),
  );
}
