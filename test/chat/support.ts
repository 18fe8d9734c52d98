import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.js';
import { chatRoutes } from '../../src/chat/routes.js';
import { createHarness } from '../support/harness.js';
import { FakeSlack, slackHeaders, teamsAuthorization } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEAMS_SECRET = Buffer.from('a teams outgoing webhook token!').toString('base64');
export const CHANNEL = 'CTRIAGE01';

/**
 * The harness with chat set up against a local Slack Web API and Teams webhook, and the app with its
 * chat routes served over real HTTP on a free port.
 */
export async function chatHarness() {
  const slack = await new FakeSlack().start();
  const h = await createHarness({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_TRIAGE_CHANNEL: CHANNEL,
    SLACK_API_URL: `${slack.url}/api/`,
    TEAMS_WEBHOOK_SECRET: TEAMS_SECRET,
    TEAMS_WORKFLOW_URL: `${slack.url}/teams-workflow`,
  });
  const app = createApp(h.ctx, { chat: chatRoutes(h.ctx) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const now = () => Math.floor(h.clock.now().getTime() / 1000);

  /** Posts a form to /slack/events signed as Slack signs it (at the harness's clock unless told). */
  async function slackPost(
    form: Record<string, string>,
    opts: { at?: number; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams(form).toString();
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { ...slackHeaders(SIGNING_SECRET, body, opts.at ?? now()), ...opts.headers },
      body,
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON an answer carries
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, json, text };
  }

  /** An Events API delivery (JSON), optionally as Slack's retry of an earlier one. */
  async function slackEvent(event: Record<string, unknown>, retryNum?: number) {
    const body = JSON.stringify(event);
    const retry: Record<string, string> = retryNum
      ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { ...slackHeaders(SIGNING_SECRET, body, now(), 'application/json'), ...retry },
      body,
    });
    return { status: res.status, text: await res.text() };
  }

  /** A slash command `/cymorth <text>` from a Slack user. */
  const command = (user: string, text: string) =>
    slackPost({
      command: '/cymorth',
      text,
      user_id: user,
      team_id: 'T1',
      channel_id: CHANNEL,
      response_url: `${slack.url}/response/${user}`,
      trigger_id: 'trig',
    });

  /** An interactivity payload (button click or modal submission). */
  const interact = (payload: Record<string, unknown>) => slackPost({ payload: JSON.stringify(payload) });

  async function teamsPost(activity: Record<string, unknown>, authorization?: string) {
    const body = JSON.stringify(activity);
    const res = await fetch(`${base}/teams/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: authorization ?? teamsAuthorization(TEAMS_SECRET, body),
      },
      body,
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON an answer carries
    return { status: res.status, json: (await res.json()) as any };
  }

  async function close() {
    await new Promise<void>((ok) => server.close(() => ok()));
    await slack.stop();
    await h.close();
  }
  return { h, slack, base, slackPost, slackEvent, command, interact, teamsPost, close };
}
