import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuthBilingual } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { drawCertificate } from './certificate/draw.js';
import { certificate } from './certificate/service.js';
import { pdfContent, ReportLangQuery, reportLanguage, sendPdf } from './http.js';

const TAG = 'Reports';

const certificatePdf = createRoute({
  method: 'get',
  path: '/centres/{number}/users/{id}/assessments/{assessment}/certificate.pdf',
  tags: [TAG],
  summary: 'The certificate of a passed Hub assessment, as an accessible PDF',
  description:
    "Seed 003's certificate: the person, the centre, the assessment in the chosen language, the date passed and the best result. For whoever may read the account's progress. A tagged PDF (A4) in `?lang=cy|en|both`.",
  security: bearerSecurity,
  middleware: [requireAuthBilingual] as const,
  request: {
    params: z.object({
      number: z.string().openapi({ param: { name: 'number', in: 'path' }, example: '68123' }),
      id: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
      assessment: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,40}$/)
        .openapi({ param: { name: 'assessment', in: 'path' }, example: 'INV-INTRO' }),
    }),
    query: ReportLangQuery,
  },
  responses: {
    200: pdfContent('The certificate, streamed as it is drawn'),
    409: errorJson('The account has not passed the assessment'),
    501: errorJson('Reports are not served here'),
    ...errorResponses,
  },
});

export function reportsRoutes() {
  return newRouter().openapi(certificatePdf, async (c) => {
    const { number, id, assessment } = c.req.valid('param');
    const ctx = c.get('ctx');
    const lang = reportLanguage(c, c.req.valid('query').lang);
    const { view, filename } = await certificate(ctx, principalOf(c), { number, id, code: assessment, lang });
    return sendPdf(c, ctx, { meta: view.meta, filename, draw: (doc) => drawCertificate(doc, view) });
  });
}
