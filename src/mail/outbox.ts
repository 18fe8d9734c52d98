import type { AppContext } from '../context.js';
import { outbox } from '../db/schema/index.js';

export type MailLanguage = 'en' | 'cy' | 'bilingual';

export interface MailRequest {
  to: string;
  language: MailLanguage;
  template: string;
  params: Record<string, unknown>;
  headers?: Record<string, string>;
}

function mailDomain(from: string): string {
  return from.match(/@([^>\s]+)/)?.[1] ?? 'cymorth.localhost';
}

export function newMessageId(from: string): string {
  return `<${crypto.randomUUID()}@${mailDomain(from)}>`;
}

/**
 * Builds the outbox row for a message. It is a statement, not a send: the caller writes it in the
 * same atomic write as the change it reports, and the delivery worker sends it later.
 */
export function queueMail(
  ctx: AppContext,
  mail: MailRequest,
  messageId = newMessageId(ctx.config.MAIL_FROM),
) {
  const now = ctx.clock.now();
  return ctx.db.insert(outbox).values({
    messageId,
    toAddress: mail.to,
    language: mail.language,
    template: mail.template,
    params: mail.params,
    headers: mail.headers ?? {},
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
  });
}
