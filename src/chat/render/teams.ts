import type { Reply } from '../core/reply.js';

/**
 * A reply as an Adaptive Card (1.4). Outgoing webhooks and Workflows allow only links, so the
 * request's buttons become one link to the request.
 */
export function renderAdaptiveCard(r: Reply) {
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: r.title,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: r.tone === 'error' ? 'Attention' : 'Default',
    },
  ];
  if (r.text) body.push({ type: 'TextBlock', text: r.text, wrap: true });
  if (r.fields?.length)
    body.push({ type: 'FactSet', facts: r.fields.map((f) => ({ title: f.label, value: f.value })) });
  for (const i of r.items ?? [])
    body.push({ type: 'TextBlock', text: `**${i.title}**  ${i.text}`, wrap: true, spacing: 'Small' });
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    ...(r.link ? { actions: [{ type: 'Action.OpenUrl', title: r.link.label, url: r.link.url }] } : {}),
  };
}

/** The answer to a Teams outgoing webhook: a message carrying the card. */
export const teamsMessage = (r: Reply) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: renderAdaptiveCard(r) }],
});
