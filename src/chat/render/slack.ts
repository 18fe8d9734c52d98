import type { Reply } from '../core/reply.js';
import { renderText } from './text.js';

type Block = Record<string, unknown>;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
// Slack caps a section's text at 3000 characters and its fields at 10 of 2000 each.
const cap = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A reply as Block Kit; buttons carry the `action_id`s the app listens for and the reference as value. */
export function renderSlack(r: Reply): { text: string; blocks: Block[] } {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: cap(r.title, 150), emoji: true } },
  ];
  if (r.text) blocks.push({ type: 'section', text: mrkdwn(cap(escapeMrkdwn(r.text), 3000)) });
  const fields = r.fields ?? [];
  for (let i = 0; i < fields.length; i += 10)
    blocks.push({
      type: 'section',
      fields: fields
        .slice(i, i + 10)
        .map((f) => mrkdwn(cap(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, 2000))),
    });
  if (r.items?.length)
    blocks.push({
      type: 'section',
      text: mrkdwn(
        cap(r.items.map((i) => `• *${escapeMrkdwn(i.title)}*  ${escapeMrkdwn(i.text)}`).join('\n'), 3000),
      ),
    });
  if (r.buttons?.length)
    blocks.push({
      type: 'actions',
      elements: r.buttons.map((b) => ({
        type: 'button',
        action_id: b.action,
        value: b.value,
        text: { type: 'plain_text', text: b.label },
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  if (r.link)
    blocks.push({ type: 'context', elements: [mrkdwn(`<${r.link.url}|${escapeMrkdwn(r.link.label)}>`)] });
  return { text: cap(renderText(r), 3000), blocks };
}
