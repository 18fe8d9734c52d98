import { App, LogLevel } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { runCommand } from '../core/run.js';
import { refusal } from '../identity.js';
import { renderSlack } from '../render/slack.js';
import { listenForInteraction } from './interactive.js';
import { HonoReceiver } from './receiver.js';
import { whoIs } from './who.js';

/** A Bolt app fed by its own HonoReceiver. */
function boltApp(ctx: AppContext) {
  const receiver = new HonoReceiver(ctx.logger);
  const app = new App({
    receiver,
    // The team id puts the bot token on Bolt's pooled client for that team, so listeners' `client` calls carry it.
    authorize: async (source) => ({ botToken: ctx.config.SLACK_BOT_TOKEN, teamId: source.teamId }),
    clientOptions: { slackApiUrl: ctx.config.SLACK_API_URL, retryConfig: { retries: 1 } },
    logLevel: LogLevel.ERROR,
    ignoreSelf: false,
    // No listener keeps conversation state, and Bolt's default store answers every event's lookup
    // of it by building and catching an Error (bench `chat_ack`).
    convoStore: false,
  });
  return { app, receiver };
}

/**
 * Slash commands and everything else (clicks, modals, App Home) go to two Bolt apps: Bolt runs the
 * filters of every listener an app has for every event, so a command would otherwise pass through
 * the seven interaction listeners' chains before its own, about a quarter of its time (bench `chat_ack`).
 */
export function buildSlackApp(ctx: AppContext) {
  const commands = boltApp(ctx);
  const interaction = boltApp(ctx);

  commands.app.command('/cymorth', async ({ command, ack, client }) => {
    const p = await whoIs(ctx, client, command.user_id);
    if (!p) return ack({ response_type: 'ephemeral', text: refusal() });
    const reply = await runCommand(ctx, p, command.text);
    await ack({ response_type: 'ephemeral', ...renderSlack(reply) });
  });
  listenForInteraction(interaction.app, ctx);

  return {
    /** Hands a verified body to the app that listens for its kind. */
    dispatch: (body: Record<string, unknown>, retryNum?: number, retryReason?: string) =>
      (typeof body.command === 'string' ? commands : interaction).receiver.dispatch(
        body,
        retryNum,
        retryReason,
      ),
  };
}
