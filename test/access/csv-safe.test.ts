import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/csv/safe.js';

describe('CSV cells this service writes', () => {
  it('neutralises every formula start with a leading apostrophe and leaves other text alone', () => {
    for (const v of ['=1+1', '+44 29', '-2', '@SUM(A1)', '\tx', '\rx', ' =cmd'])
      expect(csvCell(v)).toBe(`'${v}`);
    for (const v of ['Siân', 'a=b', 'x@y.cymru', '42']) expect(csvCell(v)).toBe(v);
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('writes a whole file whose cells read back neutralised', () => {
    const text = toCsv(['name', 'note'], [{ name: '=HYPERLINK("http://x")', note: 'a, "quoted" note' }]);
    expect(parse(text)).toEqual([
      ['name', 'note'],
      ['\'=HYPERLINK("http://x")', 'a, "quoted" note'],
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
