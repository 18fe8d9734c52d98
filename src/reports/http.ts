import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { type Doc, type DocumentMeta, newDocument } from './document.js';
import { reportFonts } from './fonts.js';
import { REPORT_LANGUAGES, type ReportLanguage } from './language.js';
import { streamDocument } from './stream.js';

export const ReportLangQuery = z.object({
  lang: z.enum(REPORT_LANGUAGES).optional().openapi({
    description:
      'The document’s language: `cy`, `en`, or `both` for a bilingual document, Welsh first. Unset: the account’s language, else Accept-Language, else English.',
  }),
});

/** `?lang=` when given, else the language the request already chose (SPEC 2.7). */
export const reportLanguage = (c: Context<AppEnv>, query: ReportLanguage | undefined): ReportLanguage =>
  query ?? c.get('lang');

export const pdfContent = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
});

/**
 * Starts a PDF answer: the document is drawn page by page as the client reads it. Everything that
 * can refuse (rights, missing data) has run before this, so a refusal is still a JSON error.
 */
export async function sendPdf(
  c: Context<AppEnv>,
  ctx: AppContext,
  report: { meta: DocumentMeta; filename: string; draw: (doc: Doc) => Iterator<void> },
) {
  if (!ctx.fonts) throw new DomainError('reports_not_available');
  const doc = await newDocument(await reportFonts(ctx.fonts), report.meta);
  return c.body(streamDocument(doc, report.draw(doc)), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${report.filename}"`,
    'cache-control': 'private, no-store',
  });
}
