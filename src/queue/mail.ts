import type { CentreRow } from '../db/schema/index.js';
import { translator } from '../i18n/index.js';
import type { MailLanguage } from '../mail/outbox.js';
import type { RequestRow } from './queries.js';
import type { RequestableItem } from './rules.js';

/**
 * A Welsh-speaking centre, or a request written in Welsh, is answered in Welsh; everyone else gets
 * both languages, Welsh first (SPEC 2.3, GLOSSARY-cy).
 */
export function mailLanguageFor(
  centre: Pick<CentreRow, 'language'> | undefined,
  r: RequestRow,
): MailLanguage {
  return centre?.language === 'cy' || r.language === 'cy' ? 'cy' : 'bilingual';
}

interface InboundMessage {
  messageId: string;
  fromAddress: string | null;
}

/** In-Reply-To and References naming the request's own messages, so the centre's mail client threads it. */
export function threadingHeaders(messages: InboundMessage[]): Record<string, string> {
  const ids = messages.map((m) => m.messageId).filter((id) => id.startsWith('<'));
  const last = ids.at(-1);
  if (!last) return {};
  return { 'In-Reply-To': last, References: ids.join(' ') };
}

/** Answers go to whoever wrote to us last about the request, else the centre's general address. */
export function replyAddress(messages: InboundMessage[], centre: CentreRow | undefined): string | undefined {
  return lastSender(messages) ?? centre?.generalEmail ?? centre?.eoEmail ?? undefined;
}

const lastSender = (messages: InboundMessage[]) => messages.findLast((m) => m.fromAddress)?.fromAddress;

/**
 * Who hears of a decision: whoever wrote last, and always the centre's own addresses on record (its
 * EO, general address and Head of Centre), so a request sent from a personal address is never
 * confirmed to that address alone. `except` leaves out addresses told separately.
 */
export function decisionRecipients(
  messages: InboundMessage[],
  centre: CentreRow | undefined,
  except: readonly string[] = [],
): string[] {
  const candidates = [lastSender(messages), centre?.eoEmail, centre?.generalEmail, centre?.headEmail];
  const seen = new Set(except.map((a) => a.toLowerCase()));
  const out: string[] = [];
  for (const address of candidates) {
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out;
}

/** The list of missing items in each language, for templates whose Welsh and English halves differ. */
export function itemLists(items: readonly RequestableItem[]) {
  const list = (lang: 'en' | 'cy') => {
    const t = translator(lang);
    return items.map((item) => `- ${t(`queue:fields.${item}`)}`).join('\n');
  };
  return { items_cy: list('cy'), items_en: list('en') };
}

/** Parameters every queue mail shares. */
export function commonParams(r: RequestRow, centre: CentreRow | undefined) {
  return {
    reference: r.reference,
    centre_name: centre?.name ?? '',
    centre_number: centre?.number ?? '',
  };
}
