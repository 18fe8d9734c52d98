const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  ndash: '–',
  mdash: '—',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const stripTags = (s: string) =>
  decodeEntities(s.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Mail HTML as lines of text, plus the two-cell rows of its tables (label, value). Centres often
 * send the four details as a small table; a row keeps its label and value together on one line.
 */
export function htmlToLines(html: string): { text: string; rows: [string, string][] } {
  const body = withoutQuotes(
    html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ''),
  );
  const rows: [string, string][] = [];
  for (const tr of body.match(/<tr\b[\s\S]*?<\/tr\s*>/gi) ?? []) {
    const cells = (tr.match(/<t[dh]\b[\s\S]*?<\/t[dh]\s*>/gi) ?? []).map(stripTags).filter(Boolean);
    if (cells.length === 2) rows.push([cells[0] ?? '', cells[1] ?? '']);
  }
  const text = decodeEntities(
    body
      .replace(/<\/t[dh]\s*>\s*<t[dh]\b[^>]*>/gi, '\t')
      .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d|\/blockquote|hr)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((l) => l.replace(/[ \u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  return { text, rows };
}

/** `<blockquote>` is how HTML mail quotes an earlier message: its text is not the sender's new words. */
function withoutQuotes(html: string): string {
  let out = '';
  let depth = 0;
  let at = 0;
  for (const tag of html.matchAll(/<(\/?)blockquote\b[^>]*>/gi)) {
    const index = tag.index ?? 0;
    if (depth === 0) out += html.slice(at, index);
    depth = tag[1] ? Math.max(0, depth - 1) : depth + 1;
    at = index + tag[0].length;
  }
  return depth === 0 ? out + html.slice(at) : out;
}
