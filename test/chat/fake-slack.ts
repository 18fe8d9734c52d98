import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
}

type Override = { status: number; headers?: Record<string, string>; body?: unknown };

/**
 * A local HTTP server speaking Slack's Web API (POST /api/<method>, form or JSON bodies, `{ ok }`
 * answers, 429 with Retry-After), plus response_url and a Teams Workflows webhook, recording every call.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly emails = new Map<string, string>();
  /** Answers to give the next calls of a method, in order, before the normal answer resumes. */
  readonly overrides = new Map<string, Override[]>();
  private server: Server | undefined;
  private waiters: { test: (c: SlackCall) => boolean; done: (c: SlackCall) => void }[] = [];
  private ts = 1700000000;
  url = '';

  constructor(readonly token = 'xoxb-test-token') {}

  async start() {
    const server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body ?? {}));
      });
    });
    this.server = server;
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  stop() {
    return new Promise<void>((ok) => this.server?.close(() => ok()));
  }

  /** Resolves at the first call (already made or still to come) that passes `test`: an event, not a sleep. */
  next(test: (c: SlackCall) => boolean): Promise<SlackCall> {
    const seen = this.calls.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((done) => this.waiters.push({ test, done }));
  }

  of(method: string) {
    return this.calls.filter((c) => c.method === method);
  }

  private async handle(req: IncomingMessage): Promise<Override> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    const body = type.includes('json')
      ? (JSON.parse(text || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(text));
    for (const [k, v] of Object.entries(body))
      if (typeof v === 'string' && /^[[{]/.test(v)) {
        try {
          body[k] = JSON.parse(v);
        } catch {}
      }
    const method = (req.url ?? '').replace(/^\/api\//, '').replace(/^\//, '');
    // Slack's Web API refuses a call without the bot token.
    if (req.url?.startsWith('/api/') && req.headers.authorization !== `Bearer ${this.token}`)
      return { status: 200, body: { ok: false, error: 'not_authed' } };
    const override = this.overrides.get(method)?.shift();
    if (override) return override;
    const call = { method, body };
    this.calls.push(call);
    for (const w of [...this.waiters])
      if (w.test(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done(call);
      }
    return { status: 200, body: this.answer(method, body) };
  }

  private answer(method: string, body: Record<string, unknown>) {
    if (method === 'users.info') {
      const email = this.emails.get(String(body.user));
      return email
        ? { ok: true, user: { id: body.user, profile: { email } } }
        : { ok: false, error: 'user_not_found' };
    }
    if (method === 'chat.postMessage') return { ok: true, channel: body.channel, ts: `${++this.ts}.000100` };
    return { ok: true };
  }
}

/** Slack's v0 signature over a raw body, as Slack sends it. */
export function slackHeaders(
  secret: string,
  body: string,
  at: number,
  contentType = 'application/x-www-form-urlencoded',
) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`;
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(at),
    'x-slack-signature': signature,
  };
}

/** A Teams outgoing webhook's HMAC header over a body, keyed with the base64 security token. */
export function teamsAuthorization(secretBase64: string, body: string) {
  return `HMAC ${createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(body, 'utf8').digest('base64')}`;
}
