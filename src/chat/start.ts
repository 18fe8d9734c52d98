import type { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { AppEnv } from '../http/env.js';
import { slackEnabled, teamsEnabled } from './posts.js';

export interface Chat {
  routes: Hono<AppEnv> | undefined;
  stop(): Promise<void>;
}

/**
 * Starts chat when it is set up. Bolt and the Slack client are loaded only then, so a server without
 * chat keeps its memory (bench `centre_lookup`); without it the log says chat is off.
 */
export async function startChat(ctx: AppContext): Promise<Chat> {
  const c = ctx.config;
  if (!c.SLACK_SIGNING_SECRET && !c.TEAMS_WEBHOOK_SECRET && !slackEnabled(c) && !teamsEnabled(c)) {
    ctx.logger.info(
      'chat is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN, or TEAMS_WEBHOOK_SECRET (README, "Chat")',
    );
    return { routes: undefined, stop: async () => undefined };
  }
  const { startChatOn } = await import('./node.js');
  return startChatOn(ctx);
}
