/** The sender's own words, split from what they quoted and from their signature. */
export interface BodyParts {
  own: string[];
  signature: string[];
}

// Where a client starts quoting the message being answered, in English and Welsh.
const QUOTE_HEADERS = [
  /^On .{4,200}wrote:?$/i,
  /^Ar .{4,200}ysgrifennodd.{0,40}:?$/i,
  /^-{2,}\s*Original Message\s*-{2,}$/i,
  /^-{2,}\s*Neges Wreiddiol\s*-{2,}$/i,
  /^_{10,}$/,
];
// An Outlook reply header: `From: …` then `Sent:`/`Date:` lines, written without `>`.
const OUTLOOK_FROM = /^(From|Oddi wrth|Gan):\s.+/i;
const OUTLOOK_NEXT = /^(Sent|Date|Anfonwyd|Dyddiad|To|At):\s/i;
const FORWARD_MARK = /^-{2,}\s*(Forwarded message|Neges wedi'i hanfon ymlaen|Begin forwarded message)/i;

export function splitBody(text: string): BodyParts {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const own: string[] = [];
  let forwarded = false;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (FORWARD_MARK.test(trimmed)) forwarded = true;
    if (trimmed === '--' && line.startsWith('--')) break;
    if (!forwarded) {
      // A two-line header such as `On Mon, 1 Dec 2026 at 10:00, Jo <jo@…>` / `wrote:` counts too.
      const joined = `${trimmed} ${(lines[i + 1] ?? '').trim()}`;
      if (QUOTE_HEADERS.some((re) => re.test(trimmed) || (trimmed.length > 0 && re.test(joined)))) {
        return { own, signature: [] };
      }
      if (OUTLOOK_FROM.test(trimmed) && OUTLOOK_NEXT.test((lines[i + 1] ?? '').trim())) {
        return { own, signature: [] };
      }
    }
    if (/^\s*>/.test(line)) continue;
    own.push(trimmed);
  }
  const signature: string[] = [];
  for (i++; i < lines.length && signature.length < 12; i++) {
    const line = (lines[i] ?? '').trim();
    if (/^>/.test(line)) break;
    signature.push(line);
  }
  return { own, signature };
}
