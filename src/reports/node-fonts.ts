import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FontSource } from './fonts.js';

const require = createRequire(import.meta.url);

/**
 * Noto Sans, from npm as TrueType (pdfkit's subsetter fails on WOFF2 at `end()`), with every Welsh
 * letter: ŵ ŷ ẁ ẃ ẅ ỳ and the circumflexes and diaereses. Node entries only: it reads the disk.
 */
const FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
};

export const nodeFontSource: FontSource = async () => {
  const [regular, bold] = await Promise.all([
    readFile(require.resolve(FILES.regular)),
    readFile(require.resolve(FILES.bold)),
  ]);
  return { regular, bold };
};
