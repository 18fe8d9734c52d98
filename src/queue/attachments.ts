import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { assertCanReadQueue } from './access.js';
import { findAttachment } from './queries.js';
import { requireRequest } from './state.js';

/** RFC 6266 with RFC 5987's `filename*`, plus a plain ASCII `filename` for old clients. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

export async function downloadAttachment(ctx: AppContext, p: Principal, reference: string, id: number) {
  assertCanReadQueue(p);
  const r = await requireRequest(ctx, reference);
  const found = await findAttachment(ctx.db, r.id, id);
  if (!found) throw new DomainError('attachment_not_found', { reference });
  const bytes = await ctx.blobs.get(found.attachment.sha256);
  if (!bytes) throw new DomainError('attachment_not_found', { reference });
  const type = found.attachment.contentType.split(';')[0]?.trim() ?? '';
  return {
    bytes,
    headers: {
      'content-type': CONTENT_TYPE.test(type) ? type.toLowerCase() : 'application/octet-stream',
      'content-disposition': contentDisposition(found.attachment.filename),
      'content-length': String(bytes.byteLength),
      'x-content-type-options': 'nosniff',
    },
  };
}
