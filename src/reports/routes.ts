import { createRoute, z } from '@hono/zod-openapi';
import { principalOf, requireAuthBilingual } from '../http/middleware.js';
import { bearerSecurity, errorJson, errorResponses } from '../http/openapi.js';
import { newRouter } from '../http/router.js';
import { UnitParams } from '../marks/schema.js';
import { drawCandidates } from './candidates/draw.js';
import { drawCertificate } from './certificate/draw.js';
import { certificate } from './certificate/service.js';
import { pdfContent, ReportLangQuery, reportLanguage, sendPdf } from './http.js';
import { drawModeratorReport } from './moderator/draw.js';
import { candidatesReport, moderatorReport } from './units/service.js';

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

/** A unit's report: the marksheet's parameters, `?lang=cy|en|both`, a PDF streamed as it is drawn. */
const unitReportRoute = (file: string, summary: string, description: string) =>
  createRoute({
    method: 'get',
    path: `/centres/{number}/units/{unit}/reports/${file}`,
    tags: [TAG],
    summary,
    description,
    security: bearerSecurity,
    middleware: [requireAuthBilingual] as const,
    request: { params: UnitParams, query: ReportLangQuery },
    responses: {
      200: pdfContent('The report, streamed as it is drawn'),
      501: errorJson('Reports are not served here'),
      ...errorResponses,
    },
  });

const candidatesPdf = unitReportRoute(
  'candidates.pdf',
  'Candidate details report: every candidate of a unit with their marks, as an accessible PDF',
  'Seed 001\'s "Print Reports": the unit, the centre, then each candidate in candidate number order with date of birth, each component\'s mark, the total, teacher initials and whether in the sample; A, CF and clerical amendments shown. For whoever may open the marksheet (a moderator: the sample only).',
);

const moderatorPdf = unitReportRoute(
  'moderator.pdf',
  "The moderator's report on a unit, as an accessible PDF",
  "The centre, the unit, the moderator, the sample with the centre's and the moderator's marks and the difference, clerical errors, the outcome and the comments. Open to the centre from results day (403 `report_before_results_day` before), to staff and the unit's moderator at any time.",
);

export function reportsRoutes() {
  return newRouter()
    .openapi(certificatePdf, async (c) => {
      const { number, id, assessment } = c.req.valid('param');
      const ctx = c.get('ctx');
      const lang = reportLanguage(c, c.req.valid('query').lang);
      const { view, filename } = await certificate(ctx, principalOf(c), {
        number,
        id,
        code: assessment,
        lang,
      });
      return sendPdf(c, ctx, { meta: view.meta, filename, draw: (doc) => drawCertificate(doc, view) });
    })
    .openapi(candidatesPdf, async (c) => {
      const ctx = c.get('ctx');
      const input = { ...c.req.valid('param'), lang: reportLanguage(c, c.req.valid('query').lang) };
      const view = await candidatesReport(ctx, principalOf(c), input);
      return sendPdf(c, ctx, { ...view, draw: (doc) => drawCandidates(doc, view) });
    })
    .openapi(moderatorPdf, async (c) => {
      const ctx = c.get('ctx');
      const input = { ...c.req.valid('param'), lang: reportLanguage(c, c.req.valid('query').lang) };
      const view = await moderatorReport(ctx, principalOf(c), input);
      return sendPdf(c, ctx, { ...view, draw: (doc) => drawModeratorReport(doc, view) });
    });
}
