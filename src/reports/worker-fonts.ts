import type { FontSource } from './fonts.js';

/**
 * The same Noto Sans as on Node, carried inside the Worker's upload as binary modules (`[[rules]]`
 * in wrangler.toml), since a Worker has no files. Imported on the first report, so Node code that
 * builds this context (the workerd tests' seeding, `npm run dev:workers`) never loads a `.ttf`.
 */
export const workerFontSource: FontSource = async () => {
  const [regular, bold] = await Promise.all([
    import('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
    import('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  ]);
  return { regular: new Uint8Array(regular.default), bold: new Uint8Array(bold.default) };
};
