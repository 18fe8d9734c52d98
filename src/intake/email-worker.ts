import type { AppContext } from '../context.js';
import { ingest } from './pipeline.js';
import type { IngestResult } from './result.js';

/** What Cloudflare Email Routing hands an Email Worker: the envelope and the message as sent. */
export interface InboundEmail {
  readonly from: string;
  readonly to: string;
  readonly raw: ReadableStream<Uint8Array>;
  readonly rawSize: number;
}

/**
 * Intake on Workers: a message Email Routing delivers goes through the same pipeline as IMAP's. A
 * failure (D1 or R2 unreachable) is thrown, never swallowed: Email Routing then answers the sending
 * server with a temporary failure, so the message is offered again later rather than lost, and a
 * second delivery of a message already stored is a `duplicate`.
 */
export async function receiveEmail(ctx: AppContext, message: InboundEmail): Promise<IngestResult> {
  const bytes = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const result = await ingest(ctx, bytes);
  ctx.logger.info(
    {
      envelope_from: message.from,
      message_id: result.message_id,
      outcome: result.outcome,
      reason: result.reason,
      reference: result.reference,
    },
    'intake: email received',
  );
  return result;
}
