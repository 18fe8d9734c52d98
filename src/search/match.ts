/**
 * Text as a caller says it and as it is stored, made comparable: lower case, no accents (`sian`
 * finds `Siân`), no apostrophes (`St Teilos` finds `St Teilo's`), every other mark a space, so an
 * address reads as its words (`sian.bowen@ysgol.cymru` is `sian bowen ysgol cymru`).
 */
export function searchFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a query, folded; empty when it has none. */
export const queryWords = (q: string) => searchFold(q).split(' ').filter(Boolean);

/** Whether every word of the query is in the folded text, in any order (`Bowen Siân` finds Siân Bowen). */
export function matchesAll(words: string[], folded: string): boolean {
  return words.length > 0 && words.every((w) => folded.includes(w));
}
