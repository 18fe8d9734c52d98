import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../reports/pdf.js';
import { bootWorkerd } from './workerd.js';

type Worker = Awaited<ReturnType<typeof bootWorkerd>>;

interface Row {
  candidate_number: string;
  marks: Record<string, unknown>;
  version: number;
}

describe('marks and PDF reports on Workers (D1)', () => {
  let worker: Worker;
  let support: string;
  const call = (path: string, init: RequestInit = {}) =>
    worker.fetch(path, {
      ...init,
      headers: { authorization: `Bearer ${support}`, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    worker = await bootWorkerd();
    support = worker.tokens.find((t) => t.what.startsWith('centre support'))?.token ?? '';
  });
  afterAll(() => worker?.dispose());

  it('draws a certificate with the bundled Noto Sans, Welsh letters intact', async () => {
    const users = (await (await call('/api/v1/centres/68123/users?q=arholiadau')).json()) as {
      data: { id: number; first_name: string; last_name: string }[];
    };
    const eo = users.data[0];
    if (!eo) throw new Error('no EO account in the demo data');
    const attempt = await call(`/api/v1/centres/68123/users/${eo.id}/assessments/INV-MALPRACTICE/attempts`, {
      method: 'POST',
      body: JSON.stringify({ mark: 19, out_of: 20 }),
    });
    expect(attempt.status).toBe(201);
    const res = await call(
      `/api/v1/centres/68123/users/${eo.id}/assessments/INV-MALPRACTICE/certificate.pdf?lang=both`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
    try {
      expect(pdf.pages).toBe(1);
      expect(pdf.info.Tagged).toBe('yes');
      expect(pdf.text).toContain('Ysgol Gyfun Gŵyr');
      expect(pdf.text).toContain(`${eo.first_name} ${eo.last_name}`);
      expect(pdf.fonts.every((f) => f.embedded && f.unicode)).toBe(true);
    } finally {
      await pdf.close();
    }
  });

  // The save's version guard counts the rows its UPDATE changed with `changes()` inside a D1 batch:
  // this proves D1 keeps that count from one statement of a batch to the next, as libSQL does.
  it('saves from the current version and refuses a stale one with 409, writing nothing', async () => {
    const units = (await (await call('/api/v1/centres/68123/units')).json()) as {
      data: { id: number; status: string; components: { key: string; max: number }[] }[];
    };
    const unit = units.data.find((u) => u.status !== 'submitted');
    if (!unit) throw new Error('no open unit at 68123 in the demo data');
    const base = `/api/v1/centres/68123/units/${unit.id}`;
    const key = unit.components[0]?.key ?? '';
    const sheet = (await (await call(`${base}/marksheet`)).json()) as { data: Row[] };
    const [first, second] = sheet.data;
    if (!first || !second) throw new Error('the demo unit has fewer than two candidates');

    const saved = await call(`${base}/marks`, {
      method: 'PUT',
      body: JSON.stringify({
        rows: [
          { candidate_number: first.candidate_number, marks: { [key]: 1 }, version: first.version },
          { candidate_number: second.candidate_number, marks: { [key]: 2 }, version: second.version },
        ],
      }),
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { saved: number }).saved).toBe(2);

    // The first row is current, the second stale: the whole batch is refused.
    const stale = await call(`${base}/marks`, {
      method: 'PUT',
      body: JSON.stringify({
        rows: [
          { candidate_number: first.candidate_number, marks: { [key]: 3 }, version: first.version + 1 },
          { candidate_number: second.candidate_number, marks: { [key]: 4 }, version: second.version },
        ],
      }),
    });
    expect(stale.status).toBe(409);
    const after = (await (await call(`${base}/marksheet`)).json()) as { data: Row[] };
    expect(after.data.slice(0, 2).map((r) => [r.marks[key], r.version])).toEqual([
      [1, first.version + 1],
      [2, second.version + 1],
    ]);
  });
});
