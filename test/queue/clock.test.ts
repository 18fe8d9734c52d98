import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DueEvent, emitDueEvents, startClock } from '../../src/queue/clock.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest, requestRow } from '../support/requests.js';
import { HOUR } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

function collector() {
  const events: DueEvent[] = [];
  return { events, sink: (e: DueEvent) => void events.push(e) };
}

describe('the 48-hour clock', () => {
  it('emits due_soon at 24 hours left and overdue at the deadline, each once', async () => {
    const req = await createRequest(h);
    const { events, sink } = collector();
    await emitDueEvents(h.ctx, sink);
    h.clock.advance(24 * HOUR - 1);
    await emitDueEvents(h.ctx, sink);
    expect(events).toEqual([]);

    h.clock.advance(1);
    await emitDueEvents(h.ctx, sink);
    await emitDueEvents(h.ctx, sink);
    expect(events).toEqual([
      { type: 'due_soon', reference: req.reference, due_at: '2026-11-25T09:00:00.000Z' },
    ]);

    h.clock.advance(24 * HOUR);
    await emitDueEvents(h.ctx, sink);
    h.clock.advance(HOUR);
    await emitDueEvents(h.ctx, sink);
    expect(events.map((e) => e.type)).toEqual(['due_soon', 'overdue']);
    const row = await requestRow(h, req.reference);
    expect(row?.warnedAt?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(row?.overdueNotifiedAt?.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    const shown = await h.call('GET', `/api/v1/requests/${req.reference}`, { token: h.tokens.support });
    expect(shown.json.timeline.map((e: { type: string }) => e.type)).toEqual([
      'message_received',
      'due_soon',
      'overdue',
    ]);
  });

  it('a request first seen past its deadline gets only overdue; decided requests get nothing', async () => {
    const late = await createRequest(h);
    const decided = await createRequest(h);
    const path = `/api/v1/requests/${decided.reference}`;
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    await h.call('POST', `${path}/reject`, {
      token: h.tokens.support,
      body: { reason_code: 'not_requested_by_centre' },
    });
    h.clock.advance(50 * HOUR);
    const { events, sink } = collector();
    await emitDueEvents(h.ctx, sink);
    await emitDueEvents(h.ctx, sink);
    expect(events).toEqual([
      { type: 'overdue', reference: late.reference, due_at: '2026-11-25T09:00:00.000Z' },
    ]);
  });

  it('two pollers at once still emit each event once', async () => {
    await createRequest(h);
    await createRequest(h);
    h.clock.advance(30 * HOUR);
    const { events, sink } = collector();
    await Promise.all([emitDueEvents(h.ctx, sink), emitDueEvents(h.ctx, sink), emitDueEvents(h.ctx, sink)]);
    expect(events.map((e) => e.type)).toEqual(['due_soon', 'due_soon']);
  });

  it('startClock runs at once, logs each event, and stops', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const req = await createRequest(h);
    h.clock.advance(48 * HOUR);
    const clock = startClock({ ...h.ctx, logger });
    await clock.stop();
    expect(lines).toEqual([
      expect.objectContaining({ type: 'overdue', reference: req.reference, msg: 'request overdue' }),
    ]);
  });
});
