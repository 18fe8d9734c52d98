import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/queue/attachments.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest, LETTERHEAD_PDF } from '../support/requests.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('GET /api/v1/requests/:ref/attachments/:id', () => {
  it('downloads the bytes as an attachment, with the type and a Welsh filename encoded per RFC 5987', async () => {
    const req = await createRequest(h, {
      attachments: [
        { filename: 'Llythyr Gŵyr "terfynol".pdf', contentType: 'application/pdf', bytes: LETTERHEAD_PDF },
      ],
    });
    const id = req.attachments[0]?.id;
    const res = await h.app.request(`/api/v1/requests/${req.reference}/attachments/${id}`, {
      headers: { authorization: `Bearer ${h.tokens.helpline}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Llythyr G_yr _terfynol_.pdf"; filename*=UTF-8''Llythyr%20G%C5%B5yr%20%22terfynol%22.pdf`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(LETTERHEAD_PDF);
  });

  it('serves an unrecognisable content type as octet-stream', async () => {
    const req = await createRequest(h, {
      attachments: [{ filename: 'winmail.dat', contentType: 'bogus type', bytes: new Uint8Array([1, 2, 3]) }],
    });
    const res = await h.call(
      'GET',
      `/api/v1/requests/${req.reference}/attachments/${req.attachments[0]?.id}`,
      {
        token: h.tokens.support,
      },
    );
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('will not serve another request’s attachment', async () => {
    const a = await createRequest(h);
    const b = await createRequest(h);
    const res = await h.call('GET', `/api/v1/requests/${a.reference}/attachments/${b.attachments[0]?.id}`, {
      token: h.tokens.support,
    });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('attachment_not_found');
  });

  it('quotes characters RFC 5987 does not allow bare', () => {
    expect(contentDisposition("it's (1)*.pdf")).toBe(
      `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`,
    );
  });
});
