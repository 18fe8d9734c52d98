// fontkit ships no types; pdfkit takes what `create` returns as a font, and that is all we use.
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
