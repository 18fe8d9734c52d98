import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { englishBody, ingestMail, pdfAttachment, welshBody } from './support/mail.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const letter = () => pdfAttachment(["St Teilo's High School", 'Headteacher: Helen Davies']);

describe('fields from labelled lines', () => {
  it('reads all five in English, each marked as from a body line', async () => {
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody(),
      attachments: [await letter()],
    });
    expect(r.outcome).toBe('created');
    expect(r.fields).toEqual({
      new_eo_title: null,
      new_eo_name: 'Joanne Price',
      new_eo_email: 'joanne.price@stteilos-demo.org.uk',
      centre_name: "St Teilo's High School",
      centre_number: '66410',
      signatory: 'Helen Davies, Headteacher',
    });
    expect(r.missing).toEqual([]);
    expect(r.status).toBe('awaiting_verification');
    expect(r.language).toBe('en');
    const detail = await h.ctx.db.query.requestFields.findMany();
    expect(new Set(detail.map((f) => f.source))).toEqual(new Set(['body_line']));
  });

  it('reads all five in Welsh, Welsh letters intact', async () => {
    const r = await ingestMail(h, {
      from: 'pennaeth@ysgolgwyr.cymru',
      subject: 'Newid Swyddog Arholiadau',
      text: welshBody(),
      attachments: [await pdfAttachment(['Ysgol Gyfun Gŵyr'])],
    });
    expect(r.fields).toEqual({
      new_eo_title: null,
      new_eo_name: 'Gwenllian Ŵyn',
      new_eo_email: 'g.wyn@ysgolgwyr.cymru',
      centre_name: 'Ysgol Gyfun Gŵyr',
      centre_number: '68123',
      signatory: 'Dr Eleri Morgan, Pennaeth',
    });
    expect(r.language).toBe('cy');
    expect(r.checks.signatory_matches).toBe(true);
    expect(r.missing).toEqual([]);
  });

  it.each([
    ['new_eo_name', /^New Exams Officer name:.*$/m],
    ['new_eo_email', /^New Exams Officer email:.*$/m],
    ['centre_name', /^Centre name:.*$/m],
    ['centre_number', /^Centre number:.*$/m],
  ])('names %s as missing when the line is left out', async (field, line) => {
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: englishBody().replace(line, ''),
      attachments: [await pdfAttachment(['Signed letter'])],
    });
    expect(r.outcome).toBe('created');
    expect(r.missing).toEqual([field]);
    expect(r.status).toBe('incomplete');
    expect(r.fields[field as keyof typeof r.fields]).toBeNull();
  });

  it('names the signatory as missing when nobody signs', async () => {
    const text = englishBody()
      .replace(/^Signed by:.*$/m, '')
      .replace(/Kind regards,\nHelen Davies/, '');
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text,
      attachments: [await pdfAttachment(['Letter'])],
    });
    expect(r.missing).toEqual(['signatory']);
  });

  it('names the letterhead as missing when nothing is attached', async () => {
    const r = await ingestMail(h, { subject: 'Change of Exams Officer', text: englishBody() });
    expect(r.missing).toEqual(['letterhead']);
    expect(r.letterhead).toBe(false);
    expect(r.checks.letterhead).toBe(false);
  });

  it.each([
    ['new_eo_name', /^Enw'r Swyddog Arholiadau newydd:.*$/m],
    ['new_eo_email', /^E-bost y Swyddog Arholiadau newydd:.*$/m],
    ['centre_name', /^Enw'r ganolfan:.*$/m],
    ['centre_number', /^Rhif y ganolfan:.*$/m],
  ])('names %s as missing in a Welsh request too', async (field, line) => {
    const r = await ingestMail(h, {
      from: 'pennaeth@ysgolgwyr.cymru',
      subject: 'Newid Swyddog Arholiadau',
      text: welshBody().replace(line, ''),
      attachments: [await pdfAttachment(['Llythyr wedi’i lofnodi'])],
    });
    expect(r.missing).toEqual([field]);
    expect(r.language).toBe('cy');
  });
});

describe('fields from elsewhere', () => {
  it('reads an HTML-only message whose details are a table', async () => {
    const html = `<p>Dear team,</p><p>Please change our Exams Officer:</p>
      <table><tr><td><b>New Exams Officer name</b></td><td>Joanne Price</td></tr>
      <tr><td>New Exams Officer email</td><td><a href="mailto:joanne.price@stteilos-demo.org.uk">joanne.price@stteilos-demo.org.uk</a></td></tr>
      <tr><td>Centre name</td><td>St. Teilo&#39;s School</td></tr>
      <tr><td>Centre number</td><td>66410</td></tr>
      <tr><td>Signed by</td><td>Helen Davies (Headteacher)</td></tr></table>`;
    const r = await ingestMail(h, { subject: 'EO change', html, attachments: [await letter()] });
    expect(r.fields.new_eo_name).toBe('Joanne Price');
    expect(r.fields.new_eo_email).toBe('joanne.price@stteilos-demo.org.uk');
    expect(r.fields.centre_number).toBe('66410');
    expect(r.checks.centre_name_matches).toBe(true);
    const sources = await h.ctx.db.query.requestFields.findMany();
    expect(sources.find((f) => f.name === 'new_eo_name')?.source).toBe('table');
  });

  it('reads free text in English', async () => {
    const text = [
      'Hello,',
      '',
      'Our exams officer is leaving at Christmas. Our new exams officer will be Mrs Joanne Price, her email is joanne.price@stteilos-demo.org.uk.',
      'We are St Teilo’s High School, centre number 66410.',
      '',
      'Yours sincerely,',
      'Helen Davies',
      'Headteacher',
    ].join('\n');
    const r = await ingestMail(h, { subject: 'Exams officer', text, attachments: [await letter()] });
    expect(r.fields.new_eo_title).toBe('Mrs');
    expect(r.fields.new_eo_name).toBe('Joanne Price');
    expect(r.fields.new_eo_email).toBe('joanne.price@stteilos-demo.org.uk');
    expect(r.fields.centre_number).toBe('66410');
    expect(r.fields.signatory).toBe('Helen Davies, Headteacher');
    expect(r.fields.centre_name).toBe('St Teilo’s High School');
    expect(r.missing).toEqual([]);
  });

  it('reads free text in Welsh', async () => {
    const text = [
      'Annwyl gyfeillion,',
      '',
      'Mae ein Swyddog Arholiadau yn gadael. Y Swyddog Arholiadau newydd fydd Gwenllian Ŵyn, ei chyfeiriad e-bost yw g.wyn@ysgolgwyr.cymru.',
      'Rhif y ganolfan yw 68123.',
      '',
      'Yn gywir,',
      'Eleri Morgan',
      'Pennaeth',
    ].join('\n');
    const r = await ingestMail(h, { from: 'pennaeth@ysgolgwyr.cymru', subject: 'Swyddog Arholiadau', text });
    expect(r.fields.new_eo_name).toBe('Gwenllian Ŵyn');
    expect(r.fields.new_eo_email).toBe('g.wyn@ysgolgwyr.cymru');
    expect(r.fields.centre_number).toBe('68123');
    expect(r.fields.signatory).toBe('Eleri Morgan, Pennaeth');
    expect(r.language).toBe('cy');
  });

  it('reads the fields from the attached PDF letterhead', async () => {
    const pdf = await pdfAttachment([
      "St Teilo's High School",
      'Centre number: 66410',
      'New Exams Officer name: Joanne Price',
      'New Exams Officer email: joanne.price@stteilos-demo.org.uk',
      'Signed: Helen Davies, Headteacher',
    ]);
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: 'Please see the attached letter.',
      attachments: [pdf],
    });
    expect(r.fields.new_eo_name).toBe('Joanne Price');
    expect(r.fields.centre_number).toBe('66410');
    expect(r.fields.signatory).toBe('Helen Davies, Headteacher');
    const rows = await h.ctx.db.query.requestFields.findMany();
    expect(rows.every((f) => f.source === 'pdf')).toBe(true);
  });

  it('does not take fields from quoted text or the signature', async () => {
    const text = [
      'Hi, the name is below but I forgot the rest, sorry.',
      'New Exams Officer name: Joanne Price',
      '',
      '-- ',
      'Centre number: 68123',
      'Email: someone@else.example',
      '',
      'On Mon, 23 Nov 2026 at 09:00, Centre Support <centres@cymorth.localhost> wrote:',
      '> New Exams Officer email: old.eo@stteilos-demo.org.uk',
      '> Centre number: 68201',
    ].join('\n');
    const r = await ingestMail(h, { subject: 'Change of Exams Officer', text });
    expect(r.fields.new_eo_name).toBe('Joanne Price');
    expect(r.fields.new_eo_email).toBeNull();
    expect(r.fields.centre_number).toBeNull();
  });

  it('ignores quoted Welsh replies too', async () => {
    const text = [
      "Enw'r Swyddog Arholiadau newydd: Gwenllian Ŵyn",
      '',
      'Ar 23 Tach 2026, am 09:00, Tîm Cymorth <centres@cymorth.localhost> ysgrifennodd:',
      'Rhif y ganolfan: 68345',
    ].join('\n');
    const r = await ingestMail(h, { from: 'pennaeth@ysgolgwyr.cymru', subject: 'Swyddog Arholiadau', text });
    expect(r.fields.new_eo_name).toBe('Gwenllian Ŵyn');
    expect(r.fields.centre_number).toBeNull();
  });

  it('does not take ordinary words for a name in free text', async () => {
    const text =
      'Our new exams officer is going to start in January; details to follow. Centre number 66410.';
    const r = await ingestMail(h, { subject: 'Exams officer', text });
    expect(r.outcome).toBe('created');
    expect(r.fields.new_eo_name).toBeNull();
    expect(r.missing).toContain('new_eo_name');
  });

  it('does not read fields from a quoted HTML message', async () => {
    const html = `<p>New Exams Officer name: Joanne Price</p>
      <blockquote><p>On Monday you wrote:</p><table><tr><td>Centre number</td><td>68201</td></tr></table>
      <p>Centre number: 68201</p></blockquote>`;
    const r = await ingestMail(h, { subject: 'Change of Exams Officer', html });
    expect(r.fields.new_eo_name).toBe('Joanne Price');
    expect(r.fields.centre_number).toBeNull();
  });
});
