/** Lower case without accents, so `gwyr` finds `Gŵyr` and `ysgol` finds `YSGOL`. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}
