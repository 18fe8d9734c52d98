import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { mailboxState } from '../../db/schema/index.js';

export interface MailboxPosition {
  uidValidity: string;
  lastUid: number;
}

export async function loadPosition(ctx: AppContext, key: string): Promise<MailboxPosition | undefined> {
  const [row] = await ctx.db.select().from(mailboxState).where(eq(mailboxState.mailbox, key));
  return row ? { uidValidity: row.uidValidity, lastUid: row.lastUid } : undefined;
}

/** Written after the message is moved away, so a crash before it only means reading it once more. */
export async function savePosition(ctx: AppContext, key: string, position: MailboxPosition): Promise<void> {
  const updatedAt = ctx.clock.now();
  await ctx.db
    .insert(mailboxState)
    .values({ mailbox: key, ...position, updatedAt })
    .onConflictDoUpdate({ target: mailboxState.mailbox, set: { ...position, updatedAt } });
}
