import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client.js';

export type Statement = BatchItem<'sqlite'>;

/**
 * The one way to write more than one statement: all of them apply, or none do. A batch is a
 * transaction on libSQL and on D1 alike (D1 has no interactive transactions), so reads that decide
 * what to write happen before, and writes that must not race carry their own guard in a WHERE.
 */
export async function writeAtomically(db: Db, statements: Statement[]): Promise<void> {
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest]);
}
