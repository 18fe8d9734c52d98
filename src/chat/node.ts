import { WebClient } from '@slack/web-api';
import type { AppContext } from '../context.js';
import { startChatDelivery } from './delivery.js';
import { slackEnabled, teamsEnabled } from './posts.js';
import { chatRoutes } from './routes.js';

/** Chat on the Node server: the Slack and Teams routes for the app, and the worker that delivers triage posts. */
export function startChatOn(ctx: AppContext) {
  const c = ctx.config;
  const outbound = slackEnabled(c) || teamsEnabled(c);
  const slack = c.SLACK_BOT_TOKEN
    ? new WebClient(c.SLACK_BOT_TOKEN, {
        slackApiUrl: c.SLACK_API_URL,
        // The chat outbox retries, honouring Retry-After; the client must not retry behind its back.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      })
    : undefined;
  const stop = outbound ? startChatDelivery(ctx, { slack, fetch }) : async () => undefined;
  ctx.logger.info(
    { slack: Boolean(c.SLACK_SIGNING_SECRET), teams: Boolean(c.TEAMS_WEBHOOK_SECRET), triage: outbound },
    'chat is on',
  );
  return { routes: chatRoutes(ctx), stop };
}
