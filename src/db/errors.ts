/** SQLite's text of a failed write: libSQL and D1 both carry it, on the error or on its cause. */
export function sqliteErrorText(err: unknown): string {
  return [
    err instanceof Error ? err.message : '',
    (err as { cause?: { message?: string } })?.cause?.message ?? '',
  ].join(' ');
}

/** True when a write failed on a UNIQUE constraint. */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const text = sqliteErrorText(err);
  return /UNIQUE constraint failed/i.test(text) && (!column || text.includes(column));
}

/** True when a write failed because a guard's subquery found nothing for a NOT NULL column. */
export function isNotNullViolation(err: unknown, column: string): boolean {
  const text = sqliteErrorText(err);
  return /NOT NULL constraint failed/i.test(text) && text.includes(column);
}
