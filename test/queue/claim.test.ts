import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest, requestRow } from '../support/requests.js';
import { auditOf, secondSupport } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('claim and release', () => {
  it('claiming puts the request in verification with the caller as assignee; claiming again is harmless', async () => {
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}`;
    const res = await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'in_verification', assignee: { name: expect.any(String) } });
    expect(res.json.timeline.map((e: { type: string }) => e.type)).toEqual(['message_received', 'claimed']);
    expect((await h.call('POST', `${path}/claim`, { token: h.tokens.support })).status).toBe(200);
    expect((await auditOf(h, 'request', req.reference)).map((a) => a.action)).toEqual(['claim']);
  });

  it('a request someone else holds answers 409 naming who holds it, in English or Welsh', async () => {
    const second = await secondSupport(h);
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}`;
    await h.call('POST', `${path}/claim`, { token: second });
    const en = await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    expect(en.status).toBe(409);
    expect(en.json.error).toEqual({
      code: 'request_claimed',
      message: `Request ${req.reference} is already being handled by Ail Swyddog <ail.swyddog@cymorth.localhost>.`,
    });
    const cy = await h.call('POST', `${path}/claim?lang=cy`, { token: h.tokens.support });
    expect(cy.json.error.message).toBe(
      `Mae Ail Swyddog <ail.swyddog@cymorth.localhost> eisoes yn delio â chais ${req.reference}.`,
    );
  });

  it('two people claiming at once: exactly one wins', async () => {
    const second = await secondSupport(h);
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}/claim`;
    const results = await Promise.all([
      h.call('POST', path, { token: second }),
      h.call('POST', path, { token: h.tokens.support }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await auditOf(h, 'request', req.reference)).filter((a) => a.action === 'claim')).toHaveLength(1);
  });

  it('an incomplete request can be claimed, and release puts it back where it was', async () => {
    const req = await createRequest(h, { missing: ['letterhead'] });
    const path = `/api/v1/requests/${req.reference}`;
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    const released = await h.call('POST', `${path}/release`, { token: h.tokens.support });
    expect(released.status).toBe(200);
    expect(released.json).toMatchObject({ status: 'incomplete', assignee: null });

    const complete = await createRequest(h);
    const p2 = `/api/v1/requests/${complete.reference}`;
    await h.call('POST', `${p2}/claim`, { token: h.tokens.support });
    expect((await h.call('POST', `${p2}/release`, { token: h.tokens.support })).json.status).toBe(
      'awaiting_verification',
    );
  });

  it('only the claimer or a staff admin may release; an unclaimed request cannot be released', async () => {
    const second = await secondSupport(h);
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}`;
    expect((await h.call('POST', `${path}/release`, { token: h.tokens.support })).json.error.code).toBe(
      'not_claimed',
    );
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    const other = await h.call('POST', `${path}/release`, { token: second });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('request_claimed');
    const byAdmin = await h.call('POST', `${path}/release`, { token: h.tokens.admin });
    expect(byAdmin.status).toBe(200);
    expect((await requestRow(h, req.reference))?.assigneeId).toBeNull();
  });

  it('a decided request cannot be claimed', async () => {
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}`;
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    await h.call('POST', `${path}/reject`, {
      token: h.tokens.support,
      body: { reason_code: 'signatory_not_senior' },
    });
    const res = await h.call('POST', `${path}/claim`, { token: h.tokens.admin });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('request_closed');
  });
});
