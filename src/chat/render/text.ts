import type { Reply } from '../core/reply.js';

/** A reply as plain text, for the command line (and the fallback text of chat messages). */
export function renderText(r: Reply): string {
  const out = [r.title];
  if (r.text) out.push(r.text);
  for (const f of r.fields ?? []) out.push(`${f.label}: ${f.value}`);
  for (const i of r.items ?? []) out.push(`- ${i.title}: ${i.text}`);
  if (r.buttons?.length) out.push(`[${r.buttons.map((b) => b.label).join('] [')}]`);
  if (r.link) out.push(`${r.link.label}: ${r.link.url}`);
  return out.join('\n');
}
