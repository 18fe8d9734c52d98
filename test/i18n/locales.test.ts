import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { resources } from '../../src/i18n/resources.js';

const LOCALES = join(import.meta.dirname, '../../locales');
const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL = new RegExp(`_(${PLURAL_FORMS.join('|')})$`);

/** Identical Welsh and English strings allowed on purpose, as `namespace:key`. */
const SAME_IN_BOTH = new Set<string>([]);

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Every namespace file on disk, found from the directory so a new namespace is covered at once. */
function namespaces(lang: string): Map<string, Map<string, string>> {
  const files = readdirSync(join(LOCALES, lang)).filter((f) => f.endsWith('.json'));
  return new Map(
    files.map((f) => [
      f.replace(/\.json$/, ''),
      flatten(JSON.parse(readFileSync(join(LOCALES, lang, f), 'utf8'))),
    ]),
  );
}

const en = namespaces('en');
const cy = namespaces('cy');

describe('locales', () => {
  it('have the same namespaces in English and Welsh, each loaded by the service', () => {
    expect([...cy.keys()].sort()).toEqual([...en.keys()].sort());
    expect(Object.keys(resources.en).sort()).toEqual([...en.keys()].sort());
    expect(Object.keys(resources.cy).sort()).toEqual([...cy.keys()].sort());
  });

  for (const ns of en.keys()) {
    it(`${ns}: every key exists in both languages`, () => {
      const enKeys = [...(en.get(ns)?.keys() ?? [])];
      const cyKeys = [...(cy.get(ns)?.keys() ?? [])];
      expect(
        enKeys.filter((k) => !cyKeys.includes(k)),
        'missing in cy',
      ).toEqual([]);
      expect(
        cyKeys.filter((k) => !enKeys.includes(k)),
        'missing in en',
      ).toEqual([]);
    });

    it(`${ns}: Welsh plurals have all six CLDR forms`, () => {
      const cyKeys = [...(cy.get(ns)?.keys() ?? [])];
      const stems = new Set(cyKeys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      for (const stem of stems) {
        const forms = PLURAL_FORMS.filter((f) => cyKeys.includes(`${stem}_${f}`));
        expect(forms, `${ns}:${stem}`).toEqual([...PLURAL_FORMS]);
      }
    });

    it(`${ns}: no Welsh string is the English copied`, () => {
      const copied = [...(cy.get(ns) ?? [])].filter(([key, text]) => {
        if (SAME_IN_BOTH.has(`${ns}:${key}`) || en.get(ns)?.get(key) !== text) return false;
        // Codes and placeholders only (UKPRN, URN, {{count}}) read the same in both languages.
        return /[a-z]{3,}/.test(text.replace(/\{\{[^}]*\}\}/g, ''));
      });
      expect(copied.map(([k]) => k)).toEqual([]);
    });
  }

  it('the key-set check fails when a key exists in only one language', () => {
    const a = flatten({ x: 'one', nested: { y: 'two' } });
    const b = flatten({ x: 'un' });
    expect([...a.keys()].filter((k) => !b.has(k))).toEqual(['nested.y']);
  });
});

describe('Welsh plural resolution (i18next with CLDR rules)', () => {
  const t = translator('cy');
  const cyCommon = cy.get('common');

  it('picks zero, one, two, few, many and other for 0, 1, 2, 3, 6 and 7', () => {
    const expected: [number, string][] = [
      [0, 'zero'],
      [1, 'one'],
      [2, 'two'],
      [3, 'few'],
      [6, 'many'],
      [7, 'other'],
      [4, 'other'],
      [100, 'other'],
    ];
    for (const [count, form] of expected) {
      const template = cyCommon?.get(`centres_found_${form}`) ?? '';
      expect(t('common:centres_found', { count }), `${count}`).toBe(
        template.replace('{{count}}', String(count)),
      );
    }
  });

  it('uses the English one/other forms in English', () => {
    const tEn = translator('en');
    expect(tEn('common:centres_found', { count: 1 })).toBe('1 centre found.');
    expect(tEn('common:centres_found', { count: 2 })).toBe('2 centres found.');
  });
});
