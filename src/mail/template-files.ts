import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateStore } from './templates.js';

const TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates');

const LANGUAGES = ['cy', 'en'] as const;
const loaded = new Map<string, TemplateStore>();

/**
 * The template files under `dir` (`{en,cy}/<name>.{txt,html}`), read on first use and kept: they
 * ship with the code and only change with a deploy, so a long-running worker reads them once.
 */
export function templateFiles(dir = TEMPLATES_DIR): TemplateStore {
  const key = resolve(dir);
  let store = loaded.get(key);
  if (!store) {
    store = {};
    for (const lang of LANGUAGES) {
      for (const file of readdirSync(join(key, lang))) {
        if (file.endsWith('.txt') || file.endsWith('.html')) {
          store[`${lang}/${file}`] = readFileSync(join(key, lang, file), 'utf8');
        }
      }
    }
    loaded.set(key, store);
  }
  return store;
}
