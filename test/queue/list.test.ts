import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestDetailSchema, RequestSummarySchema } from '../../src/queue/schema.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest } from '../support/requests.js';
import { HOUR } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const refs = (res: { json: { data: { reference: string }[] } }) => res.json.data.map((r) => r.reference);

describe('GET /api/v1/requests', () => {
  it('lists open requests soonest due first, with time left, and filters by status', async () => {
    const a = await createRequest(h);
    h.clock.advance(HOUR);
    const b = await createRequest(h, { centre: '66410', missing: ['signatory'] });
    const res = await h.call('GET', '/api/v1/requests', { token: h.tokens.helpline });
    expect(res.status).toBe(200);
    expect(refs(res)).toEqual([a.reference, b.reference]);
    expect(res.json.total).toBe(2);
    for (const row of res.json.data) RequestSummarySchema.parse(row);
    expect(res.json.data[0]).toMatchObject({
      status: 'awaiting_verification',
      centre_number: '68123',
      time_left_seconds: 47 * 3600,
      overdue: false,
      assignee: null,
    });
    expect(res.json.data[1]).toMatchObject({ status: 'incomplete', missing: ['signatory'] });

    const incomplete = await h.call('GET', '/api/v1/requests?status=incomplete', { token: h.tokens.support });
    expect(refs(incomplete)).toEqual([b.reference]);
    const paged = await h.call('GET', '/api/v1/requests?per_page=1&page=2', { token: h.tokens.support });
    expect(paged.json).toMatchObject({ page: 2, per_page: 1, total: 2 });
    expect(refs(paged)).toEqual([b.reference]);
    const bad = await h.call('GET', '/api/v1/requests?status=lost', { token: h.tokens.support });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('status');
  });

  it('shows overdue requests once their 48 hours are up, with negative time left', async () => {
    const a = await createRequest(h);
    h.clock.advance(24 * HOUR);
    const b = await createRequest(h);
    expect(refs(await h.call('GET', '/api/v1/requests?overdue=true', { token: h.tokens.support }))).toEqual(
      [],
    );

    h.clock.advance(24 * HOUR);
    const overdue = await h.call('GET', '/api/v1/requests?overdue=true', { token: h.tokens.support });
    expect(refs(overdue)).toEqual([a.reference]);
    expect(overdue.json.data[0]).toMatchObject({ overdue: true, time_left_seconds: 0 });
    expect(refs(await h.call('GET', '/api/v1/requests?overdue=false', { token: h.tokens.support }))).toEqual([
      b.reference,
    ]);

    h.clock.advance(3 * HOUR);
    const later = await h.call('GET', `/api/v1/requests/${a.reference}`, { token: h.tokens.support });
    expect(later.json).toMatchObject({ overdue: true, time_left_seconds: -3 * 3600 });
  });

  it('assignee=me shows what the caller claimed; assignee=none what nobody has', async () => {
    const a = await createRequest(h);
    const b = await createRequest(h);
    await h.call('POST', `/api/v1/requests/${b.reference}/claim`, { token: h.tokens.support });
    expect(refs(await h.call('GET', '/api/v1/requests?assignee=me', { token: h.tokens.support }))).toEqual([
      b.reference,
    ]);
    expect(refs(await h.call('GET', '/api/v1/requests?assignee=me', { token: h.tokens.admin }))).toEqual([]);
    expect(refs(await h.call('GET', '/api/v1/requests?assignee=none', { token: h.tokens.admin }))).toEqual([
      a.reference,
    ]);
    expect(
      refs(await h.call('GET', '/api/v1/requests?type=eo_change', { token: h.tokens.admin })),
    ).toHaveLength(2);
  });
});

describe('GET /api/v1/requests/:ref', () => {
  it('shows fields with sources, mail, attachments, checks, the number to call back and the timeline', async () => {
    const req = await createRequest(h, { checks: { sender_domain_known: false } });
    const res = await h.call('GET', `/api/v1/requests/${req.reference}`, { token: h.tokens.helpline });
    expect(res.status).toBe(200);
    RequestDetailSchema.parse(res.json);
    expect(res.json).toMatchObject({
      reference: req.reference,
      status: 'awaiting_verification',
      due_at: '2026-11-25T09:00:00.000Z',
      time_left_seconds: 48 * 3600,
      centre: {
        number: '68123',
        registered_telephone: '029 2018 0101',
        eo_email: 'arholiadau@ysgolgwyr.cymru',
      },
      callback: { telephone: '029 2018 0101', passed: null },
      failed_checks: ['sender_domain_known'],
      second_approval_required: true,
      messages: [{ message_id: req.messageId, from: 'pennaeth@ysgolgwyr.cymru' }],
      attachments: [{ filename: 'llythyr.pdf', content_type: 'application/pdf' }],
      timeline: [{ type: 'message_received', actor: 'pennaeth@ysgolgwyr.cymru' }],
    });
    const email = res.json.fields.find((f: { name: string }) => f.name === 'new_eo_email');
    expect(email).toMatchObject({ value: req.fields.new_eo_email, source: 'body_line' });
    expect(res.json.attachments[0].download).toBe(
      `/api/v1/requests/${req.reference}/attachments/${req.attachments[0]?.id}`,
    );
  });

  it('answers an unknown reference with 404 in the caller’s language', async () => {
    const res = await h.call('GET', '/api/v1/requests/EO-2026-99999?lang=cy', { token: h.tokens.support });
    expect(res.status).toBe(404);
    expect(res.json.error).toEqual({
      code: 'request_not_found',
      message: "Nid oes cais â'r cyfeirnod EO-2026-99999.",
    });
  });
});
