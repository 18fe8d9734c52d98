import type { BenchRow } from './row.js';

const mark = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? ' ✓' : ' ✗');

/** The rows as a plain-text table; ✓/✗ after a figure says whether it met the row's target. */
export function formatTable(rows: BenchRow[]): string {
  const header = ['id', 'ours', 'bare', 'unit', 'ratio', 'p99_ms', 'rss_mb', 'measured_at'];
  const body = rows.map((r) => [
    r.id,
    String(r.ours),
    String(r.bare),
    r.unit,
    `${r.ratio}${mark(r.pass?.ratio)}`,
    `${r.p99_ms ?? '-'}${mark(r.pass?.p99_ms)}`,
    `${r.rss_mb ?? '-'}${mark(r.pass?.rss_mb)}`,
    r.measured_at ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
