import { describe, expect, it } from 'vitest';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';

const store = templateFiles();
const names = [...new Set(Object.keys(store).map((path) => path.replace(/^\w+\/|\.\w+$/g, '')))].sort();

describe('templates/', () => {
  it('is read once and kept', () => {
    expect(templateFiles()).toBe(store);
    expect(names).toContain('eo_reset');
  });

  it.each(names)('%s has a text and an HTML body in Welsh and in English, each with a subject', (name) => {
    for (const lang of ['cy', 'en']) {
      expect(store[`${lang}/${name}.html`], `${lang}/${name}.html`).toBeDefined();
      expect(store[`${lang}/${name}.txt`], `${lang}/${name}.txt`).toMatch(/^Subject: *\S/);
    }
    // Each placeholder filled with its own name, so a subject that is itself a parameter still differs.
    const params: Record<string, string> = {};
    for (const [, key] of Object.values(store)
      .join('\n')
      .matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
      if (key) params[key] = `[${key}]`;
    }
    const cy = renderMail(store, name, 'cy', params);
    const en = renderMail(store, name, 'en', params);
    expect(cy.subject).not.toBe(en.subject);
    expect(cy.text).not.toBe(en.text);
  });
});
