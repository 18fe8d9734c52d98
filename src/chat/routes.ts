import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { chatSeenEvents } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { runCommand } from './core/run.js';
import { linkedStaff, refusal } from './identity.js';
import { teamsMessage } from './render/teams.js';
import { buildSlackApp } from './slack/app.js';
import { verifySlackSignature } from './slack/verify.js';
import { verifyTeamsSignature } from './teams/verify.js';

/** A form post's `payload` (interactivity) or its fields (slash commands); JSON for the Events API. */
function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(raw);
      const payload = form.get('payload');
      return payload ? JSON.parse(payload) : Object.fromEntries(form);
    }
    return JSON.parse(raw);
  } catch {
    throw new DomainError('malformed_json');
  }
}

/** True the first time an Events API event id is seen; Slack's retried deliveries then change nothing. */
async function firstSighting(ctx: AppContext, body: Record<string, unknown>): Promise<boolean> {
  const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
  if (!eventId) return true;
  const rows = await ctx.db
    .insert(chatSeenEvents)
    .values({ eventId, seenAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning({ eventId: chatSeenEvents.eventId });
  return rows.length > 0;
}

function slackRoute(ctx: AppContext, secret: string) {
  const slack = buildSlackApp(ctx);
  return async (c: import('hono').Context<AppEnv>) => {
    const raw = await c.req.text();
    // The signature is checked before anything is read from the body.
    const verified = verifySlackSignature({
      secret,
      rawBody: raw,
      signature: c.req.header('x-slack-signature'),
      timestamp: c.req.header('x-slack-request-timestamp'),
      nowSeconds: Math.floor(ctx.clock.now().getTime() / 1000),
    });
    if (!verified) throw new DomainError('signature_invalid');
    const body = parseSlackBody(raw, c.req.header('content-type'));
    if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    if (body.ssl_check) return c.body(null, 200);
    if (body.type === 'event_callback' && !(await firstSighting(ctx, body))) return c.body(null, 200);
    const retry = c.req.header('x-slack-retry-num');
    const answer = await slack.dispatch(
      body,
      retry ? Number(retry) : undefined,
      c.req.header('x-slack-retry-reason'),
    );
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType });
  };
}

function teamsRoute(ctx: AppContext, secret: string) {
  return async (c: import('hono').Context<AppEnv>) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifyTeamsSignature(secret, raw, c.req.header('authorization')))
      throw new DomainError('signature_invalid');
    let activity: { text?: unknown; from?: { aadObjectId?: unknown } };
    try {
      activity = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw new DomainError('malformed_json');
    }
    const who = typeof activity.from?.aadObjectId === 'string' ? activity.from.aadObjectId : '';
    const p = who ? await linkedStaff(ctx, 'teams', who) : null;
    if (!p) {
      return c.json({ type: 'message', text: refusal() });
    }
    return c.json(teamsMessage(await runCommand(ctx, p, String(activity.text ?? ''))));
  };
}

/**
 * Slack at /slack/events and Teams at /teams/messages, on the API's port, each present only when its
 * secret is set. Node only: Bolt needs Node's runtime (README, "What runs where").
 */
export function chatRoutes(ctx: AppContext) {
  const router = new Hono<AppEnv>();
  const { SLACK_SIGNING_SECRET, TEAMS_WEBHOOK_SECRET } = ctx.config;
  if (SLACK_SIGNING_SECRET) router.post('/slack/events', slackRoute(ctx, SLACK_SIGNING_SECRET));
  if (TEAMS_WEBHOOK_SECRET) router.post('/teams/messages', teamsRoute(ctx, TEAMS_WEBHOOK_SECRET));
  return router;
}
