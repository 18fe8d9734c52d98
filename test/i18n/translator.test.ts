import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';

// The translators keep each answer to a key with plain values (src/i18n/index.ts): a kept answer
// must be the one i18next gives, and no two different calls may share one.
describe('translator', () => {
  const en = translator('en');
  const cy = translator('cy');

  it('answers each language in its own words, again and again', () => {
    for (let i = 0; i < 3; i++) {
      expect(en('queue:status.incomplete')).toBe('incomplete');
      expect(cy('queue:cli.duration', { hours: 3, minutes: '05' })).toBe('3 awr 05 mun');
      expect(en('queue:cli.duration', { hours: 3, minutes: '05' })).toBe('3h 05m');
    }
  });

  it('never answers one call with another’s words', () => {
    expect(en('queue:cli.total', { shown: 1, total: 12 })).toBe('1 of 12 requests shown.');
    expect(en('queue:cli.total', { shown: 11, total: 2 })).toBe('11 of 2 requests shown.');
    expect(en('queue:cli.total', { shown: '1', total: '12' })).toBe('1 of 12 requests shown.');
    // Spelled to match the call above if names and values were simply strung together.
    expect(en('queue:cli.total', { shown: '1totals12' })).toContain('1totals12 of');
    expect(en('queue:cli.overdue_by', { time: 'x|4:timee1:y' })).toBe('overdue by x|4:timee1:y');
    expect(en('queue:cli.overdue_by', { time: 'x' })).toBe('overdue by x');
  });

  it('still counts plurals, takes defaults and an explicit language', () => {
    expect(en('access:bulk.added_all', { count: 1 })).toContain('the one row');
    expect(en('access:bulk.added_all', { count: 7 })).toContain('all 7 rows');
    expect(en('chat:no.such.key', { defaultValue: 'fallback' })).toBe('fallback');
    expect(en('chat:refused', { lng: 'cy' })).toBe(cy('chat:refused'));
    expect(en('chat:refused')).not.toBe(cy('chat:refused'));
  });

  it('passes values that are not plain (a Date, an object) straight to i18next', () => {
    const when = { toString: () => 'tomorrow' };
    expect(en('queue:cli.overdue_by', { time: when })).toBe('overdue by tomorrow');
    when.toString = () => 'today';
    expect(en('queue:cli.overdue_by', { time: when })).toBe('overdue by today');
  });
});
