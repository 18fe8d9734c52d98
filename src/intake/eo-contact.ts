const EMAIL_G =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+/g;
// How far after a name its address may follow in running text ("…, her email is …", "contact him on …").
const PROSE_REACH = 240;

export const emailsIn = (text: string) => [...text.matchAll(EMAIL_G)].map((m) => m[0].replace(/\.+$/, ''));

/**
 * The new Exams Officer's address as written next to their name: later in the same stretch of prose,
 * or on the line with the name or the two under it (as a letter sets it out). Addresses of the
 * writer themselves (their From, their signature) are skipped: they are not the new EO's.
 */
export function emailNearName(
  name: string,
  prose: string,
  lines: string[],
  writer: Set<string>,
): string | null {
  const key = name.toLowerCase();
  if (!key) return null;
  const mine = (e: string) => writer.has(e.toLowerCase());
  // The name was read from this same text, so it is found as written.
  const at = prose.toLowerCase().indexOf(key);
  if (at >= 0) {
    const after = prose.slice(at + name.length, at + name.length + PROSE_REACH);
    const found = emailsIn(after).find((e) => !mine(e));
    if (found) return found;
  }
  const row = lines.findIndex((l) => l.toLowerCase().includes(key));
  if (row < 0) return null;
  return emailsIn(lines.slice(row, row + 3).join('\n')).find((e) => !mine(e)) ?? null;
}
