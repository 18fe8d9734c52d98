import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DomainError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { principalOf, requireAuth } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses, jsonContent, LangQuery } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { deleteFile, downloadFile, listFiles, type Upload, uploadFiles } from './files.js';
import { tags } from './routes.js';
import { CandidateParams, FileParams } from './schema.js';

const FileList = z
  .object({
    data: z.array(
      z.object({
        id: z.number().int(),
        filename: z.string(),
        content_type: z.string(),
        size: z.number().int(),
        uploaded_at: z.string(),
        download: z.string(),
      }),
    ),
  })
  .openapi('CandidateFiles');

const common = { tags, security: bearerSecurity };
const path = '/centres/{number}/units/{unit}/candidates/{candidate}/files';
const refusals = {
  409: errorJson('Unit takes no uploads, not submitted, not a sample candidate, or past the deadline'),
  413: errorJson('File over MARKS_UPLOAD_MAX_BYTES'),
};

const list = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'get',
  path,
  summary: "A sample candidate's uploaded files",
  request: { params: CandidateParams, query: LangQuery },
  responses: { 200: jsonContent(FileList, 'Files'), ...refusals, ...errorResponses },
});

const upload = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'post',
  path,
  summary: 'Upload evidence for a sample candidate (any file type, several at once, after submission)',
  request: {
    params: CandidateParams,
    query: LangQuery,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } },
            required: ['file'],
          },
        },
      },
    },
  },
  responses: { 201: jsonContent(FileList, 'Files after the upload'), ...refusals, ...errorResponses },
});

const download = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'get',
  path: `${path}/{file}`,
  summary: 'Download one uploaded file',
  request: { params: FileParams, query: LangQuery },
  responses: { 200: { description: 'The file as uploaded' }, ...refusals, ...errorResponses },
});

const remove = createRoute({
  ...common,
  middleware: [requireAuth] as const,
  method: 'delete',
  path: `${path}/{file}`,
  summary: 'Delete a wrong file (until the submission deadline)',
  request: { params: FileParams, query: LangQuery },
  responses: { 200: jsonContent(FileList, 'Files after the deletion'), ...refusals, ...errorResponses },
});

async function uploadsOf(c: Context<AppEnv>): Promise<Upload[]> {
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? ''))
    throw new DomainError('malformed_form');
  const form = await c.req.parseBody({ all: true }).catch((err: unknown) => {
    throw err instanceof DomainError ? err : new DomainError('malformed_form');
  });
  const files = [form.file].flat().filter((f): f is File => f instanceof File);
  if (!files.length) throw new DomainError('validation_failed', {}, [{ field: 'file', code: 'required' }]);
  return Promise.all(
    files.map(async (f) => ({ name: f.name, type: f.type, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

/** A name for Content-Disposition that no header can be broken by; the UTF-8 name rides beside it. */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function marksFileRoutes() {
  return newRouter()
    .openapi(list, async (c) => {
      const { number, unit, candidate } = c.req.valid('param');
      return c.json(await listFiles(c.get('ctx'), principalOf(c), number, unit, candidate), 200);
    })
    .openapi(upload, async (c) => {
      const { number, unit, candidate } = c.req.valid('param');
      return c.json(
        await uploadFiles(c.get('ctx'), principalOf(c), number, unit, candidate, await uploadsOf(c)),
        201,
      );
    })
    .openapi(download, async (c) => {
      const { number, unit, candidate, file } = c.req.valid('param');
      const found = await downloadFile(c.get('ctx'), principalOf(c), number, unit, candidate, file);
      return c.body(new Uint8Array(found.bytes), 200, {
        'content-type': found.file.contentType,
        'content-disposition': disposition(found.file.filename),
        'x-content-type-options': 'nosniff',
      });
    })
    .openapi(remove, async (c) => {
      const { number, unit, candidate, file } = c.req.valid('param');
      return c.json(await deleteFile(c.get('ctx'), principalOf(c), number, unit, candidate, file), 200);
    });
}
