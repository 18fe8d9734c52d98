import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../reports/pdf.js';
import { bootWorkerd } from './workerd.js';

type Worker = Awaited<ReturnType<typeof bootWorkerd>>;

describe('PDF reports on Workers', () => {
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
});
