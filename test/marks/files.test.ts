import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillMarks, type MarksHarness, marksHarness } from './support.js';

type Body = { error: { code: string }; data: { filename: string; download: string }[] };
const read = async (r: Response) => (await r.json()) as Body;

function form(files: [string, string | Uint8Array, string][]) {
  const fd = new FormData();
  for (const [name, body, type] of files) fd.append('file', new File([body], name, { type }));
  return fd;
}

describe('uploads', () => {
  let m: MarksHarness;
  let moderator: string;
  let sampled: string;
  let outside: string;
  const filesOf = (n: string) => `${m.base}/candidates/${n}/files`;
  const post = (n: string, fd: FormData, token = m.h.tokens.eoCy) =>
    m.h.app.request(filesOf(n), { method: 'POST', body: fd, headers: { authorization: `Bearer ${token}` } });
  beforeAll(async () => {
    m = await marksHarness(20, {
      code: '9791/01',
      components: 'Mark:120',
      uploads: 'yes',
      initials: 'no',
      submission: '2026-12-11',
    });
    moderator = await m.h.makeToken({ role: 'moderator', email: 'mod@cymorth.localhost', name: 'Mod' });
    await fillMarks(
      m.h,
      m.base,
      m.h.tokens.eoCy,
      (i) => ({ mark: i * 5 }),
      () => '',
    );
  });
  afterAll(() => m.h.close());

  it('takes no files before submission', async () => {
    const res = await post('5001', form([['a.txt', 'x', 'text/plain']]));
    expect(res.status).toBe(409);
    expect((await read(res)).error.code).toBe('not_submitted');
  });

  it('takes several files of any type for a sample candidate, stores them by content and lets them be read back', async () => {
    const submitted = await m.h.call('POST', `${m.base}/submit`, {
      token: m.h.tokens.eoCy,
      body: { candidates_informed: true },
    });
    const numbers: string[] = submitted.json.data.map(
      (d: { candidate_number: string }) => d.candidate_number,
    );
    sampled = numbers[0] as string;
    outside = Array.from({ length: 20 }, (_, i) => String(5001 + i)).find(
      (n) => !numbers.includes(n),
    ) as string;
    const audio = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 1, 2, 3]);
    const res = await post(
      sampled,
      form([
        [
          'Traethawd Siân.docx',
          'Gwaith ysgrifenedig',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ],
        ['llafar.mp3', audio, 'audio/mpeg'],
      ]),
    );
    expect(res.status).toBe(201);
    const body = await read(res);
    expect(body.data.map((f: { filename: string }) => f.filename)).toEqual([
      'Traethawd Siân.docx',
      'llafar.mp3',
    ]);
    const download = await m.h.app.request(body.data[1]?.download ?? '', {
      headers: { authorization: `Bearer ${m.h.tokens.eoCy}` },
    });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(audio);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''llafar.mp3");
    const byModerator = await m.h.call('GET', filesOf(sampled), { token: moderator });
    expect(byModerator.status).toBe(403);
    await m.h.call('PUT', `${m.base}/moderator`, {
      token: m.h.tokens.admin,
      body: { email: 'mod@cymorth.localhost' },
    });
    expect((await m.h.call('GET', filesOf(sampled), { token: moderator })).json.data).toHaveLength(2);
  });

  it('refuses candidates outside the sample, files over the limit and other centres', async () => {
    const res = await post(outside, form([['a.txt', 'x', 'text/plain']]));
    expect((await read(res)).error.code).toBe('not_in_sample');
    const big = await post(
      sampled,
      form([
        ['big.bin', new Uint8Array(m.h.ctx.config.MARKS_UPLOAD_MAX_BYTES + 1), 'application/octet-stream'],
      ]),
    );
    expect(big.status).toBe(413);
    expect((await read(big)).error.code).toBe('file_too_large');
    const other = await post(sampled, form([['a.txt', 'x', 'text/plain']]), m.h.tokens.eoEn);
    expect(other.status).toBe(403);
    const empty = await m.h.app.request(filesOf(sampled), {
      method: 'POST',
      body: new FormData(),
      headers: { authorization: `Bearer ${m.h.tokens.eoCy}` },
    });
    expect(empty.status).toBe(400);
    expect((await m.h.call('GET', filesOf(sampled), { token: m.h.tokens.eoCy })).json.data).toHaveLength(2);
  });

  it('lets a wrong file be deleted until the submission deadline, and not after', async () => {
    const list = (await m.h.call('GET', filesOf(sampled), { token: m.h.tokens.eoCy })).json.data;
    m.h.clock.set('2026-12-11T23:30:00Z');
    const onTheDay = await m.h.call('DELETE', `${filesOf(sampled)}/${list[0].id}`, {
      token: m.h.tokens.eoCy,
    });
    expect(onTheDay.status).toBe(200);
    expect(onTheDay.json.data).toHaveLength(1);
    m.h.clock.set('2026-12-12T00:00:01Z');
    const late = await m.h.call('DELETE', `${filesOf(sampled)}/${list[1].id}`, { token: m.h.tokens.eoCy });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('upload_window_closed');
    const gone = await m.h.call('DELETE', `${filesOf(sampled)}/${list[0].id}`, { token: m.h.tokens.eoCy });
    expect(gone.status).toBe(404);
  });
});
