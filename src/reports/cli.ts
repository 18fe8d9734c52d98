import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import type { Principal } from '../auth/principal.js';
import { withContext } from '../cli/runtime.js';
import { DomainError } from '../errors.js';
import { drawCandidates } from './candidates/draw.js';
import type { Doc, DocumentMeta } from './document.js';
import { newDocument } from './document.js';
import { reportFonts } from './fonts.js';
import { REPORT_LANGUAGES, type ReportLanguage } from './language.js';
import { drawModeratorReport } from './moderator/draw.js';
import { streamDocument } from './stream.js';
import { candidatesReport, moderatorReport } from './units/service.js';

/** The CLI prints reports as the awarding body's operator, as `cymorth marks` reads them. */
const OPERATOR: Principal = {
  kind: 'staff',
  staffRole: 'admin',
  accountId: 0,
  email: 'cli',
  language: 'en',
  label: 'cli',
};

const REPORTS = {
  candidates: async (
    ctx: Parameters<typeof candidatesReport>[0],
    input: Parameters<typeof candidatesReport>[2],
  ) => {
    const view = await candidatesReport(ctx, OPERATOR, input);
    return { meta: view.meta, draw: (doc: Doc) => drawCandidates(doc, view) };
  },
  moderator: async (
    ctx: Parameters<typeof moderatorReport>[0],
    input: Parameters<typeof moderatorReport>[2],
  ) => {
    const view = await moderatorReport(ctx, OPERATOR, input);
    return { meta: view.meta, draw: (doc: Doc) => drawModeratorReport(doc, view) };
  },
} satisfies Record<string, unknown>;

type Which = keyof typeof REPORTS;

interface Options {
  centre: string;
  unit: string;
  lang?: string;
  out: string;
}

function parse(which: string, o: Options) {
  if (!(which in REPORTS)) throw new Error(`unknown report "${which}": candidates or moderator`);
  const unit = Number(o.unit);
  if (!Number.isInteger(unit) || unit <= 0)
    throw new Error(`--unit must be a unit id (a number), not "${o.unit}"`);
  const lang = (o.lang ?? (process.env.CYMORTH_LANG === 'cy' ? 'cy' : 'en')) as ReportLanguage;
  if (!REPORT_LANGUAGES.includes(lang)) throw new Error(`--lang must be cy, en or both, not "${o.lang}"`);
  return { which: which as Which, input: { number: o.centre, unit, lang } };
}

async function writePdf(
  file: string,
  fonts: ReturnType<typeof reportFonts>,
  meta: DocumentMeta,
  draw: (d: Doc) => Iterator<void>,
) {
  const doc = await newDocument(await fonts, meta);
  const web = streamDocument(doc, draw(doc)) as unknown as NodeReadableStream<Uint8Array>;
  await pipeline(Readable.fromWeb(web), createWriteStream(file));
}

export function registerReportCommands(program: Command) {
  program
    .command('report <which>')
    .description(
      'write a unit\'s PDF report: "candidates" (candidate details) or "moderator" (the moderator\'s report)',
    )
    .requiredOption('--centre <number>', 'centre number')
    .requiredOption('--unit <id>', 'unit id, as `cymorth marks status` lists it')
    .option('--lang <lang>', 'cy, en or both (Welsh first); default CYMORTH_LANG, else en')
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(async (which: string, o: Options) => {
      const { which: report, input } = parse(which, o);
      const title = await withContext(async (ctx) => {
        if (!ctx.fonts) throw new DomainError('reports_not_available');
        const { meta, draw } = await REPORTS[report](ctx, input);
        await writePdf(o.out, reportFonts(ctx.fonts), meta, draw);
        return meta.title;
      });
      process.stdout.write(`${title}: ${o.out}\n`);
    });
}
