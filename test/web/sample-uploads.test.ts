import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { getMarksheet, listUnits } from '../../src/marks/read.js';
import { saveMarks } from '../../src/marks/save.js';
import { submitMarks } from '../../src/marks/submit.js';
import { createHarness, type Harness } from '../support/harness.js';
import { givePassword, signedInVisitor } from './visitor.js';

let h: Harness;
let unit = 0;
const EO = 'arholiadau@ysgolgwyr.cymru';
const PASSWORD = 'correct horse battery';
const STAFF: Principal = {
  kind: 'staff',
  staffRole: 'admin',
  accountId: 0,
  email: 'test',
  language: 'en',
  label: 'test',
};

beforeAll(async () => {
  h = await createHarness();
  unit = (await listUnits(h.ctx, STAFF, '68123', 'en')).data.find((u) => u.code === '9791/01')?.id ?? 0;
  const sheet = await getMarksheet(h.ctx, STAFF, '68123', unit, {
    page: 1,
    per_page: 100,
    sort: 'candidate',
    show: 'all',
  });
  await saveMarks(h.ctx, STAFF, '68123', unit, {
    rows: sheet.data.map((r, i) => ({
      candidate_number: r.candidate_number,
      marks: Object.fromEntries(Object.keys(r.marks).map((k) => [k, 10 + i])),
      initials: 'AB',
      version: r.version,
    })),
  });
  await submitMarks(h.ctx, STAFF, '68123', unit, { candidates_informed: true });
  await givePassword(h, EO, PASSWORD);
});
afterAll(() => h?.close());

describe('the sample page', () => {
  it('uploads several files for a sample candidate, lists them, and gives them back', async () => {
    const { v } = await signedInVisitor(h, EO, PASSWORD);
    const page = await v.get(`/centres/68123/units/${unit}/sample?lang=en`);
    expect(page.status).toBe(200);
    const candidate =
      page.text.match(/action="\/centres\/68123\/units\/\d+\/sample\/(\d{4})\/files"/)?.[1] ?? '';
    const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const form = new FormData();
    form.set('_csrf', csrf);
    form.append('files', new File(['first piece of work'], 'traethawd.txt', { type: 'text/plain' }));
    form.append('files', new File([new Uint8Array([1, 2, 3])], 'llun.bin'));
    const cookie = [...v.jar].map(([k, val]) => `${k}=${val}`).join('; ');
    const res = await h.app.request(
      `http://cymorth.test/centres/68123/units/${unit}/sample/${candidate}/files`,
      {
        method: 'POST',
        headers: { cookie },
        body: form,
      },
    );
    expect(res.status).toBe(303);
    const after = await v.get(`/centres/68123/units/${unit}/sample?uploaded&lang=en`);
    expect(after.text).toContain('The files have been uploaded.');
    expect(after.text).toContain('traethawd.txt');
    const href = after.text.match(/href="([^"]+\/files\/\d+)">traethawd\.txt/)?.[1] ?? '';
    const file = await h.app.request(`http://cymorth.test${href}`, { headers: { cookie } });
    expect(await file.text()).toBe('first piece of work');
  });

  it('adds a candidate the centre chooses and replaces a chosen one whose work is lost', async () => {
    const { v } = await signedInVisitor(h, EO, PASSWORD);
    // The oracy unit: 24 candidates, so the system chose 15 and others can be added.
    const unit =
      (await listUnits(h.ctx, STAFF, '68123', 'en')).data.find((u) => u.code === '3700U1')?.id ?? 0;
    const page = await v.get(`/centres/68123/units/${unit}/sample?lang=en`);
    const extra = page.text.match(/<option value="(\d{4})">/)?.[1] ?? '';
    expect((await v.post(`/centres/68123/units/${unit}/sample`, { candidate: extra })).location).toMatch(
      /\?added$/,
    );
    const added = await v.get(`/centres/68123/units/${unit}/sample?lang=en`);
    expect(added.text).toMatch(new RegExp(`<td>${extra}</td>.*?Added by the centre`, 's'));
    const chosen = added.text.match(/sample\/(\d{4})\/replace"/)?.[1] ?? '';
    const replaced = await v.post(`/centres/68123/units/${unit}/sample/${chosen}/replace`, {
      reason: 'lost',
    });
    expect(replaced.location).toMatch(/\?replaced$/);
    const after = await v.get(`/centres/68123/units/${unit}/sample?lang=en`);
    expect(after.text).toContain(`replaces ${chosen}`);
    expect(after.text).not.toContain(`<td>${chosen}</td>`);
  });

  it('refuses an upload without its CSRF token', async () => {
    const { v } = await signedInVisitor(h, EO, PASSWORD);
    const page = await v.get(`/centres/68123/units/${unit}/sample`);
    const candidate = page.text.match(/sample\/(\d{4})\/files"/)?.[1] ?? '';
    const form = new FormData();
    form.append('files', new File(['x'], 'x.txt'));
    const cookie = [...v.jar].map(([k, val]) => `${k}=${val}`).join('; ');
    const res = await h.app.request(
      `http://cymorth.test/centres/68123/units/${unit}/sample/${candidate}/files`,
      {
        method: 'POST',
        headers: { cookie },
        body: form,
      },
    );
    expect(res.status).toBe(403);
  });

  it('the units page links a submitted unit to its PDF reports, served to the signed-in centre', async () => {
    const { v } = await signedInVisitor(h, EO, PASSWORD);
    const units = await v.get('/centres/68123/units?lang=cy');
    expect(units.text).toContain(`/centres/68123/units/${unit}/reports/candidates.pdf`);
    expect(units.text).toContain('Adroddiad manylion ymgeiswyr (PDF)');
    const cookie = [...v.jar].map(([k, val]) => `${k}=${val}`).join('; ');
    const pdf = await h.app.request(
      `http://cymorth.test/centres/68123/units/${unit}/reports/candidates.pdf`,
      {
        headers: { cookie },
      },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    const signedOut = await h.app.request(
      `http://cymorth.test/centres/68123/units/${unit}/reports/candidates.pdf`,
    );
    expect(signedOut.status).not.toBe(200);
  });
});
