import { describe, expect, it } from 'vitest';
import { templateFiles } from '../../src/mail/template-files.js';
import { workerTemplates } from '../../src/mail/worker-templates.js';

describe('the mail templates bundled into the Worker', () => {
  it('are every file under templates/, word for word, so Workers and Node send the same mail', () => {
    const files = templateFiles();
    expect(Object.keys(workerTemplates).sort()).toEqual(Object.keys(files).sort());
    for (const [name, text] of Object.entries(files))
      expect([name, workerTemplates[name]]).toEqual([name, text]);
  });
});
