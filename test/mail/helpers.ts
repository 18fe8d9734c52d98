import { eq } from 'drizzle-orm';
import type { AppContext } from '../../src/context.js';
import { outbox } from '../../src/db/schema/index.js';
import { type MailRequest, queueMail } from '../../src/mail/outbox.js';

const RESET_PARAMS = {
  eo_name: 'Siân Prydderch',
  centre_name: "St Teilo's High School",
  centre_number: '66410',
  email: 'sian.prydderch@stteilos.example',
  link: 'https://cymorth.test/invites/abc123',
};

export const CY_SUBJECT = "Mae cyfrif Swyddog Arholiadau canolfan 66410 wedi symud i'r cyfeiriad hwn";
export const EN_SUBJECT = 'Your Exams Officer account for centre 66410 has moved to this address';

/** Queues a message the way a feature does, and returns its row. */
export async function queue(ctx: AppContext, mail: Partial<MailRequest> = {}) {
  const [row] = await queueMail(ctx, {
    to: 'sian.prydderch@stteilos.example',
    language: 'en',
    template: 'eo_reset',
    params: RESET_PARAMS,
    ...mail,
  }).returning();
  if (!row) throw new Error('queueMail wrote no row');
  return row;
}

export async function rowOf(ctx: AppContext, id: number) {
  const [row] = await ctx.db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}
