import type { AppContext } from '../context.js';
import { translator } from '../i18n/index.js';
import { londonDateTime } from '../i18n/london-time.js';
import { type MailLanguage, newMessageId, queueMail } from '../mail/outbox.js';

export interface ReplyPlan {
  to: string;
  language: MailLanguage;
  subject: string;
  template: 'eo_change_received' | 'eo_change_incomplete' | 'eo_change_completed';
  params: Record<string, string>;
  headers: Record<string, string>;
  messageId: string;
}

/**
 * The automatic answer to a request's message: Welsh to Welsh mail, otherwise both languages with
 * Welsh first; it names the reference and either what is missing or when to expect an answer.
 * It marks itself auto-replied (RFC 3834) and threads under the message it answers.
 */
export function planReply(
  ctx: AppContext,
  input: {
    /** The message completed a request that was missing something: say so, and when to expect the outcome. */
    completed?: boolean;
    to: string;
    messageLanguage: 'cy' | 'en';
    reference: string;
    missing: string[];
    dueAt: Date;
    inReplyTo: string;
    references: string[];
  },
): ReplyPlan {
  const cy = translator('cy');
  const en = translator('en');
  const language: MailLanguage = input.messageLanguage === 'cy' ? 'cy' : 'bilingual';
  const list = (t: typeof cy) => input.missing.map((m) => `- ${t(`intake:missing.${m}`)}`).join('\n');
  const params = {
    reference: input.reference,
    subject_cy: cy('intake:reply_subject', { reference: input.reference }),
    subject_en: en('intake:reply_subject', { reference: input.reference }),
    missing_cy: list(cy),
    missing_en: list(en),
    // Mid-sentence ("erbyn dydd Iau, ..."): Welsh day names take a capital only where a sentence starts.
    due_cy: londonDateTime('cy', input.dueAt, 'full').replace(/^Dydd /, 'dydd '),
    due_en: londonDateTime('en', input.dueAt, 'full'),
  };
  const subject = language === 'cy' ? params.subject_cy : `${params.subject_cy} / ${params.subject_en}`;
  const refs = [...input.references.filter((r) => r !== input.inReplyTo), input.inReplyTo].slice(-20);
  return {
    to: input.to,
    language,
    subject,
    template:
      input.missing.length > 0
        ? 'eo_change_incomplete'
        : input.completed
          ? 'eo_change_completed'
          : 'eo_change_received',
    params,
    headers: {
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'In-Reply-To': input.inReplyTo,
      References: refs.join(' '),
    },
    messageId: newMessageId(ctx.config.MAIL_FROM),
  };
}

export const queueReply = (ctx: AppContext, plan: ReplyPlan) =>
  queueMail(
    ctx,
    {
      to: plan.to,
      language: plan.language,
      template: plan.template,
      params: plan.params,
      headers: plan.headers,
    },
    plan.messageId,
  );
