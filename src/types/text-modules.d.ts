// wrangler's default module rules bundle these as text; vitest.config.ts does the same for tests.
declare module '*.txt' {
  const text: string;
  export default text;
}
declare module '*.html' {
  const text: string;
  export default text;
}
