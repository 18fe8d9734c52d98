import { eq } from 'drizzle-orm';
import { findCentreByNumber } from '../../src/centres/queries.js';
import type { AppContext } from '../../src/context.js';
import { attachments, mailMessages, requestFields, requests } from '../../src/db/schema/index.js';
import { recordEvidence } from '../../src/queue/evidence.js';

/** Whatever holds a context and a clock: the harness, or a file database a CLI test opened. */
type Env = { ctx: AppContext; clock: { now(): Date } };

const HOUR = 60 * 60 * 1000;

type Checks = {
  letterhead: boolean;
  signatory_matches: boolean;
  centre_name_matches: boolean;
  sender_domain_known: boolean;
  new_email_unused: boolean;
  authentication: 'pass' | 'fail' | 'none';
};

const PASSING: Checks = {
  letterhead: true,
  signatory_matches: true,
  centre_name_matches: true,
  sender_domain_known: true,
  new_email_unused: true,
  authentication: 'pass',
};

export interface RequestSeed {
  centre?: string;
  language?: 'en' | 'cy';
  fields?: Record<string, string>;
  checks?: Partial<Checks>;
  missing?: string[];
  from?: string;
  status?: 'incomplete' | 'awaiting_verification';
  flagged?: string;
  attachments?: { filename: string; contentType: string; bytes: Uint8Array }[];
}

let counter = 0;

export const LETTERHEAD_PDF = new TextEncoder().encode('%PDF-1.4\n% Ysgol Gyfun Gŵyr letterhead\n%%EOF\n');

/**
 * A request as intake stores one: the request row, its first mail message, its fields (from body
 * lines) and a letterhead attachment whose bytes are in the blob store. The clock is the harness's.
 */
export async function createRequest(h: Env, seed: RequestSeed = {}) {
  const centre = await findCentreByNumber(h.ctx.db, seed.centre ?? '68123');
  if (!centre) throw new Error(`no demo centre ${seed.centre}`);
  const now = h.clock.now();
  counter += 1;
  const reference = `EO-2026-${String(counter).padStart(5, '0')}`;
  const missing = seed.missing ?? [];
  const from = seed.from ?? centre.headEmail;
  const [request] = await h.ctx.db
    .insert(requests)
    .values({
      reference,
      type: 'eo_change',
      status: seed.status ?? (missing.length ? 'incomplete' : 'awaiting_verification'),
      centreId: centre.id,
      language: seed.language ?? centre.language,
      firstMessageAt: now,
      dueAt: new Date(now.getTime() + 48 * HOUR),
      checks: { ...PASSING, ...seed.checks },
      // As intake records it: every check that failed on the first message is open evidence.
      evidence: recordEvidence(
        {},
        { checks: { ...PASSING, ...seed.checks }, flagged: seed.flagged ?? null },
        `<req-${counter}-${now.getTime()}@${from.split('@')[1]}>`,
        now,
      ),
      missing,
      flagged: seed.flagged ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!request) throw new Error('request not inserted');
  const messageId = `<req-${counter}-${now.getTime()}@${from.split('@')[1]}>`;
  const [message] = await h.ctx.db
    .insert(mailMessages)
    .values({
      messageId,
      mailboxKey: `file:test-${counter}`,
      rawSha256: `sha-${counter}`,
      rawPath: `blobs/test/${counter}`,
      fromAddress: from,
      subject: centre.language === 'cy' ? 'Newid Swyddog Arholiadau' : 'Change of Exams Officer',
      sentAt: now,
      references: [],
      requestId: request.id,
      outcome: 'created',
      language: seed.language ?? centre.language,
      authentication: seed.checks?.authentication ?? 'pass',
      receivedAt: now,
    })
    .returning();
  if (!message) throw new Error('message not inserted');
  const fields = {
    new_eo_name: 'Mrs Joanne Price',
    new_eo_email: `swyddog.newydd.${counter}@${centre.headEmail.split('@')[1]}`,
    centre_name: centre.name,
    centre_number: centre.number,
    signatory: `${centre.headName}, Headteacher`,
    ...seed.fields,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (missing.includes(name) && !seed.fields?.[name]) continue;
    await h.ctx.db.insert(requestFields).values({
      requestId: request.id,
      name,
      value,
      source: 'body_line',
      mailMessageId: message.id,
      createdAt: now,
    });
  }
  const files = seed.attachments ?? [
    { filename: 'llythyr.pdf', contentType: 'application/pdf', bytes: LETTERHEAD_PDF },
  ];
  const stored = [];
  for (const file of files) {
    const blob = await h.ctx.blobs.put(file.bytes);
    const [row] = await h.ctx.db
      .insert(attachments)
      .values({
        mailMessageId: message.id,
        sha256: blob.sha256,
        filename: file.filename,
        contentType: file.contentType,
        size: blob.size,
        createdAt: now,
      })
      .returning();
    if (row) stored.push(row);
  }
  return { reference, id: request.id, messageId, from, fields, attachments: stored, centre };
}

export async function requestRow(h: Env, reference: string) {
  return h.ctx.db.select().from(requests).where(eq(requests.reference, reference)).get();
}
