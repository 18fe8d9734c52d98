/** True when a write failed on a UNIQUE constraint (libSQL and D1 both put SQLite's text in the message). */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const text = [
    err instanceof Error ? err.message : '',
    (err as { cause?: { message?: string } })?.cause?.message ?? '',
  ].join(' ');
  return /UNIQUE constraint failed/i.test(text) && (!column || text.includes(column));
}
