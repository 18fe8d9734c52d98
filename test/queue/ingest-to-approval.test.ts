import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/intake/pipeline.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { authPass, eml, pdfAttachment, welshBody } from '../intake/support/mail.js';
import { createHarness, type Harness } from '../support/harness.js';
import { accountByEmail, outboxRows, secondSupport } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const letter = () =>
  pdfAttachment(['Ysgol Gyfun Gŵyr', 'Heol Talbot, Tregŵyr', 'Dr Eleri Morgan, Pennaeth'], 'llythyr.pdf');

describe('from a mailed request to a new Exams Officer', () => {
  it('a Welsh request read by intake is claimed, called back, approved, and answered in Welsh', async () => {
    const raw = await eml({
      from: 'Dr Eleri Morgan <pennaeth@ysgolgwyr.cymru>',
      subject: 'Newid Swyddog Arholiadau',
      messageId: '<newid-swyddog-1@ysgolgwyr.cymru>',
      text: welshBody(),
      attachments: [await letter()],
      rawHeaders: [authPass],
    });
    const result = await ingest(h.ctx, raw, {});
    expect(result).toMatchObject({ outcome: 'created', status: 'awaiting_verification', language: 'cy' });
    const ref = String(result.reference);
    const path = `/api/v1/requests/${ref}`;

    const listed = await h.call('GET', '/api/v1/requests', { token: h.tokens.support });
    expect(listed.json.data.map((r: { reference: string }) => r.reference)).toEqual([ref]);
    const shown = await h.call('GET', path, { token: h.tokens.support });
    expect(shown.json).toMatchObject({ second_approval_required: false, time_left_seconds: 48 * 3600 });
    const pdf = shown.json.attachments.find((a: { filename: string }) => a.filename === 'llythyr.pdf');
    const download = await h.app.request(pdf.download, {
      headers: { authorization: `Bearer ${h.tokens.support}` },
    });
    expect(new TextDecoder().decode((await download.arrayBuffer()).slice(0, 5))).toBe('%PDF-');

    expect((await h.call('POST', `${path}/claim`, { token: h.tokens.support })).status).toBe(200);
    await h.call('POST', `${path}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true },
    });
    const approved = await h.call('POST', `${path}/approve`, { token: h.tokens.support });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');

    expect(await accountByEmail(h, 'g.wyn@ysgolgwyr.cymru')).toMatchObject({ accountType: 'eo' });
    const mail = (await outboxRows(h)).filter(
      (m) => m.template.startsWith('eo_change_') && m.template !== 'eo_change_received',
    );
    expect(mail.map((m) => [m.template, m.toAddress, m.language])).toEqual([
      ['eo_change_invite_new_eo', 'g.wyn@ysgolgwyr.cymru', 'cy'],
      ['eo_change_notice_old_eo', 'arholiadau@ysgolgwyr.cymru', 'cy'],
      ['eo_change_approved_centre', 'pennaeth@ysgolgwyr.cymru', 'cy'],
      ['eo_change_approved_centre', 'swyddfa@ysgolgwyr.cymru', 'cy'],
    ]);
    const reply = mail[2];
    expect(reply?.headers['In-Reply-To']).toBe('<newid-swyddog-1@ysgolgwyr.cymru>');
    expect(renderMail(templateFiles(), 'eo_change_approved_centre', 'cy', reply?.params ?? {}).subject).toBe(
      `Cymeradwywyd: newid Swyddog Arholiadau Ysgol Gyfun Gŵyr (${ref})`,
    );
  });

  it('mail without a trusted authentication result needs two people', async () => {
    const raw = await eml({
      from: 'Dr Eleri Morgan <pennaeth@ysgolgwyr.cymru>',
      subject: 'Newid Swyddog Arholiadau',
      text: welshBody(),
      attachments: [await letter()],
    });
    const result = await ingest(h.ctx, raw, {});
    const path = `/api/v1/requests/${result.reference}`;
    const second = await secondSupport(h);
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    await h.call('POST', `${path}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true },
    });
    const first = await h.call('POST', `${path}/approve`, { token: h.tokens.support });
    expect(first.json).toMatchObject({ status: 'in_verification', failed_checks: ['authentication'] });
    expect((await h.call('POST', `${path}/approve`, { token: second })).json.status).toBe('approved');
  });
});
