import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { translator } from '../../src/i18n/index.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { formatQueue } from '../../src/queue/format.js';
import { listQueue } from '../../src/queue/read.js';
import { authPass, ingestMail, pdfAttachment, welshBody } from '../intake/support/mail.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  // A complete Welsh request, on the harness's Monday morning: due Wednesday morning.
  await ingestMail(h, {
    from: 'Dr Eleri Morgan <pennaeth@ysgolgwyr.cymru>',
    subject: 'Newid Swyddog Arholiadau',
    text: welshBody(),
    attachments: [await pdfAttachment(['Ysgol Gyfun Gŵyr'])],
    rawHeaders: [authPass],
  });
});
afterEach(() => h.close());

// As a Welsh-speaking exams officer reads it: no capital mid-sentence, no English abbreviations.
describe('Welsh as it is read', () => {
  it('writes the day in the automatic reply in lower case mid-sentence', async () => {
    const [reply] = await h.ctx.db.select().from(outbox).where(eq(outbox.template, 'eo_change_received'));
    const { text } = renderMail(templateFiles(), 'eo_change_received', 'cy', reply?.params ?? {});
    expect(text).toMatch(/erbyn dydd Mercher, 25 Tachwedd 2026/);
    expect(text).not.toMatch(/erbyn Dydd/);
  });

  it('gives the time left in the Welsh command line in hours and minutes in Welsh', async () => {
    const page = await listQueue(h.ctx, { page: 1, per_page: 20 }, null);
    const cy = formatQueue(translator('cy'), page);
    expect(cy).toContain('48 awr 00 mun');
    expect(cy).not.toMatch(/\d+h \d+m/);
    expect(formatQueue(translator('en'), page)).toContain('48h 00m');
  });

  it('names the Authorization header and the request body the same way everywhere', () => {
    const cy = translator('cy');
    expect(cy('errors:unauthorized')).toContain('pennyn Authorization');
    expect(cy('access:invite_page.token_use')).toContain('mhennyn Authorization');
    for (const key of ['malformed_json', 'malformed_form', 'bulk_unsupported_file'])
      expect(cy(`errors:${key}`)).toContain('cynnwys y cais');
  });
});
