// wrangler's default module rules bundle these as text; vitest.config.ts does the same for tests.
declare module '*.txt' {
  const text: string;
  export default text;
}
declare module '*.html' {
  const text: string;
  export default text;
}
// wrangler's `[[rules]] type = "Data"` in wrangler.toml bundles fonts as binary modules.
declare module '*.ttf' {
  const data: ArrayBuffer;
  export default data;
}
