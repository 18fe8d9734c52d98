import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { entryFiles } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { assertAccess, requireRow, requireSheet, type Sheet } from './access.js';
import { filesOf } from './queries.js';
import { londonDate } from './rules.js';

/** The upload route takes bodies up to the file limit, plus room for the multipart framing. */
export function marksUploadBody(config: Config) {
  return {
    path: /^\/api\/v1\/centres\/\d{5}\/units\/\d+\/candidates\/\d{4}\/files$/,
    limit: Math.max(config.BODY_LIMIT_BYTES, config.MARKS_UPLOAD_MAX_BYTES + 65_536),
  };
}

export interface Upload {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Files belong to sample candidates of units that take uploads, once the marks are submitted. */
async function sampleEntry(ctx: AppContext, sheet: Sheet, candidate: string) {
  if (!sheet.unit.uploads) throw new DomainError('uploads_not_used', { code: sheet.unit.code });
  if (!sheet.sheet.submittedAt) throw new DomainError('not_submitted', { code: sheet.unit.code });
  const row = await requireRow(ctx, sheet, candidate);
  if (row.sampleReason === null) throw new DomainError('not_in_sample', { candidate });
  return row;
}

function present(sheet: Sheet, candidate: string, f: typeof entryFiles.$inferSelect) {
  return {
    id: f.id,
    filename: f.filename,
    content_type: f.contentType,
    size: f.size,
    uploaded_at: f.createdAt.toISOString(),
    download: `/api/v1/centres/${sheet.centre.number}/units/${sheet.unit.id}/candidates/${candidate}/files/${f.id}`,
  };
}

export async function listFiles(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  const row = await sampleEntry(ctx, sheet, candidate);
  return { data: (await filesOf(ctx.db, row.entry.id)).map((f) => present(sheet, candidate, f)) };
}

/** Any file type, several per candidate, each within MARKS_UPLOAD_MAX_BYTES; stored by content hash. */
export async function uploadFiles(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
  uploads: Upload[],
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  const row = await sampleEntry(ctx, sheet, candidate);
  const limit = ctx.config.MARKS_UPLOAD_MAX_BYTES;
  if (uploads.some((u) => u.bytes.byteLength > limit)) throw new DomainError('file_too_large', { limit });
  const now = ctx.clock.now();
  const stored = [];
  for (const u of uploads) stored.push({ ...u, ...(await ctx.blobs.put(u.bytes)) });
  await writeAtomically(ctx.db, [
    ...stored.map((s) =>
      ctx.db.insert(entryFiles).values({
        entryId: row.entry.id,
        sha256: s.sha256,
        filename: s.name.slice(0, 255) || 'file',
        contentType: s.type || 'application/octet-stream',
        size: s.size,
        uploadedBy: p.accountId || null,
        createdAt: now,
      }),
    ),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'entry',
      entityId: `${sheet.sheet.id}:${candidate}`,
      centreId: sheet.centre.id,
      action: 'upload',
      after: { files: stored.map((s) => ({ name: s.name, size: s.size, sha256: s.sha256 })) },
    }),
  ]);
  return listFiles(ctx, p, number, unitId, candidate);
}

async function fileOf(ctx: AppContext, sheet: Sheet, candidate: string, fileId: number) {
  const row = await sampleEntry(ctx, sheet, candidate);
  const file = await ctx.db
    .select()
    .from(entryFiles)
    .where(and(eq(entryFiles.id, fileId), eq(entryFiles.entryId, row.entry.id), isNull(entryFiles.deletedAt)))
    .get();
  if (!file) throw new DomainError('file_not_found', { candidate });
  return file;
}

export async function downloadFile(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
  fileId: number,
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  const file = await fileOf(ctx, sheet, candidate, fileId);
  const bytes = await ctx.blobs.get(file.sha256);
  if (!bytes) throw new DomainError('file_not_found', { candidate });
  return { file, bytes };
}

/** A wrong file may be deleted up to the submission deadline (the date in Europe/London). */
export async function deleteFile(
  ctx: AppContext,
  p: Principal,
  number: string,
  unitId: number,
  candidate: string,
  fileId: number,
) {
  const sheet = await requireSheet(ctx, p, number, unitId);
  assertAccess(sheet, 'write');
  const file = await fileOf(ctx, sheet, candidate, fileId);
  const now = ctx.clock.now();
  if (londonDate(now) > sheet.unit.submissionDeadline)
    throw new DomainError('upload_window_closed', {
      code: sheet.unit.code,
      deadline: sheet.unit.submissionDeadline,
    });
  await writeAtomically(ctx.db, [
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'entry',
      entityId: sql<string>`(select ${`${sheet.sheet.id}:${candidate}`} from ${entryFiles} where id = ${file.id} and deleted_at is null)`,
      centreId: sheet.centre.id,
      action: 'delete_file',
      before: { file: file.filename, sha256: file.sha256 },
    }),
    ctx.db.update(entryFiles).set({ deletedAt: now }).where(eq(entryFiles.id, file.id)),
  ]);
  return listFiles(ctx, p, number, unitId, candidate);
}
