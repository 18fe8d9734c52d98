import { headerValues, type ParsedMessage } from './parse.js';
import type { SetAsideReason } from './result.js';

const NO_REPLY_SENDER =
  /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?|auto-?reply)(?:[+._-].*)?@/i;
const AUTO_SUBJECT =
  /^(?:auto(?:matic)? ?reply|auto(?:matic)? response|autoreply|out of (?:the )?office|ateb awtomatig|allan o'r swyddfa|read(?=:)|delivery status notification|undeliverable|undelivered mail)\b|^\[auto[- ]?generated\]/i;
const DAEMON_SENDER = /^(?:mailer-daemon|postmaster|post_master)@/i;
// Mailing-list software writes as `owner-list@`, `list-request@`, `list-admin@`.
const LIST_SENDER = /^(?:owner-[^@]+|[^@]+-(?:admin|request|owner|bounces))@/i;

const header = (msg: ParsedMessage, name: string) => headerValues(msg, name)[0]?.trim().toLowerCase() ?? '';

/**
 * Mail we must never answer (RFC 3834 §2, and the conventions real auto-responders use) and mail
 * that is spam. Checked before anything else, so a bounce of our own reply can never start a loop.
 */
export function classify(msg: ParsedMessage, ourAddress: string): SetAsideReason | null {
  const from = msg.from ?? '';
  if (/^yes\b/.test(header(msg, 'x-spam-flag')) || /^yes\b/.test(header(msg, 'x-spam-status'))) return 'spam';
  if (
    (msg.contentType === 'multipart/report' &&
      (msg.reportType === 'delivery-status' || msg.reportType === 'feedback-report')) ||
    DAEMON_SENDER.test(from) ||
    msg.attachments.some((a) => a.contentType === 'message/delivery-status')
  ) {
    return 'bounce';
  }
  const autoSubmitted = header(msg, 'auto-submitted');
  if (
    (autoSubmitted && autoSubmitted !== 'no') ||
    header(msg, 'x-autoreply') ||
    header(msg, 'x-autorespond') ||
    AUTO_SUBJECT.test(msg.subject) ||
    (msg.contentType === 'multipart/report' && msg.reportType === 'disposition-notification') ||
    NO_REPLY_SENDER.test(from) ||
    (ourAddress !== '' && from === ourAddress)
  ) {
    return 'auto_reply';
  }
  const precedence = header(msg, 'precedence');
  if (
    ['bulk', 'list', 'junk'].includes(precedence) ||
    headerValues(msg, 'list-id').length > 0 ||
    headerValues(msg, 'list-unsubscribe').length > 0 ||
    headerValues(msg, 'feedback-id').length > 0 ||
    LIST_SENDER.test(from)
  ) {
    return 'bulk';
  }
  return null;
}
