import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';

export interface SlackAnswer {
  status: number;
  body: string;
  contentType: string;
}

/**
 * Bolt has no Hono receiver: this one is fed by the Hono route, which has already checked the
 * signature. It answers the HTTP request as soon as a listener calls `ack()`, and lets the listener
 * carry on after (answering through `respond()` or the Web API), so Slack hears back within its 3 s.
 */
export class HonoReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly logger: Logger) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  dispatch(body: Record<string, unknown>, retryNum?: number, retryReason?: string): Promise<SlackAnswer> {
    const app = this.app;
    if (!app) return Promise.resolve({ status: 503, body: '', contentType: 'text/plain' });
    return new Promise<SlackAnswer>((answer) => {
      let answered = false;
      const settle = (a: SlackAnswer) => {
        if (!answered) {
          answered = true;
          answer(a);
        }
      };
      const event: ReceiverEvent = {
        body,
        ...(retryNum !== undefined ? { retryNum } : {}),
        ...(retryReason ? { retryReason } : {}),
        ack: async (response?: unknown) => {
          if (response === undefined || response === null || response === '')
            settle({ status: 200, body: '', contentType: 'text/plain' });
          else if (typeof response === 'string')
            settle({ status: 200, body: response, contentType: 'text/plain' });
          else settle({ status: 200, body: JSON.stringify(response), contentType: 'application/json' });
        },
      };
      app
        .processEvent(event)
        .catch((err) => this.logger.error({ err }, 'slack listener failed'))
        // A listener that never acknowledged (or no listener at all) still gets Slack an answer.
        .finally(() => settle({ status: 200, body: '', contentType: 'text/plain' }));
    });
  }
}
