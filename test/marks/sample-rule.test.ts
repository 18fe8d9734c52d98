import { describe, expect, it } from 'vitest';
import { chooseSample, nearestByMark, rankOrder, sampleSize } from '../../src/marks/sample-rule.js';

const cohort = (n: number, teachers = ['AB']) =>
  Array.from({ length: n }, (_, i) => ({
    candidateNumber: String(1001 + i),
    total: (i * 37) % 81,
    initials: teachers[i % teachers.length] ?? null,
  }));

describe('sample rule', () => {
  it.each([
    [1, 1],
    [15, 15],
    [16, 15],
    [100, 15],
    [101, 20],
    [200, 20],
    [201, 25],
    [500, 25],
  ])(
    'a cohort of %i gives a sample of %i, highest and lowest in, spread across the rank order',
    (n, size) => {
      expect(sampleSize(n)).toBe(size);
      const rows = cohort(n);
      const chosen = chooseSample(rows);
      expect(chosen).toHaveLength(size);
      const ranked = rankOrder(rows);
      const ranks = chosen.map((c) => ranked.indexOf(c)).sort((a, b) => a - b);
      expect(ranks[0]).toBe(0);
      expect(ranks.at(-1)).toBe(n - 1);
      // Evenly spread: no gap between neighbouring choices is more than one step over the even spacing.
      const step = size > 1 ? Math.ceil((n - 1) / (size - 1)) : 0;
      for (let i = 1; i < ranks.length; i++)
        expect((ranks[i] ?? 0) - (ranks[i - 1] ?? 0)).toBeLessThanOrEqual(step + 1);
      // The same marks in any order give the same sample.
      const again = chooseSample([...rows].reverse()).map((c) => c.candidateNumber);
      expect(again).toEqual(chosen.map((c) => c.candidateNumber));
    },
  );

  it('shares the sample across teachers in proportion to their candidates', () => {
    const rows = cohort(100, ['AB', 'AB', 'AB', 'CD', 'CD']);
    const chosen = chooseSample(rows);
    const count = (t: string) => chosen.filter((c) => c.initials === t).length;
    expect(count('AB')).toBe(9);
    expect(count('CD')).toBe(6);
  });

  it('replaces by the nearest total, the higher on a tie', () => {
    const pool = [
      { candidateNumber: '1001', total: 40, initials: null },
      { candidateNumber: '1002', total: 44, initials: null },
      { candidateNumber: '1003', total: 36, initials: null },
    ];
    expect(nearestByMark(pool, 40)?.candidateNumber).toBe('1001');
    expect(nearestByMark(pool.slice(1), 40)?.candidateNumber).toBe('1002');
    expect(nearestByMark([], 40)).toBeUndefined();
  });
});
