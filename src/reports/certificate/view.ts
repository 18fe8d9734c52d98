import type { Language } from '../../i18n/index.js';
import type { DocumentMeta } from '../document.js';
import { formatDay, formatMoment, type ReportLanguage, wording } from '../language.js';

/** What a certificate says, as plain data: who, where, what, when, how well. */
export interface CertificateData {
  person: string;
  centre: { number: string; name: string };
  assessment: { code: string; title: Record<Language, string> };
  passedAt: Date;
  best: { mark: number; outOf: number };
  producedAt: Date;
}

export interface CertificateBlock {
  lang: Language;
  heading: string;
  certifies: string;
  person: string;
  passed: string;
  assessment: string;
  lines: string[];
}

export interface CertificateView {
  meta: DocumentMeta;
  /** One block per language, Welsh first; a bilingual certificate sets both on its one page. */
  blocks: CertificateBlock[];
  footer: { left: string; right: string };
}

export function certificateView(data: CertificateData, lang: ReportLanguage): CertificateView {
  const w = wording(lang);
  const percent = Math.floor((data.best.mark * 100) / data.best.outOf);
  const blocks = w.languages.map((l) => {
    const t = w.t[l];
    return {
      lang: l,
      heading: t('reports:certificate.heading'),
      certifies: t('reports:certificate.certifies'),
      person: data.person,
      passed: t('reports:certificate.passed'),
      assessment: data.assessment.title[l],
      lines: [
        t('reports:certificate.centre', { name: data.centre.name, number: data.centre.number }),
        t('reports:certificate.date_passed', { date: formatDay(data.passedAt, l) }),
        t('reports:certificate.best_result', { mark: data.best.mark, out_of: data.best.outOf, percent }),
      ],
    };
  });
  return {
    meta: {
      title: w.languages
        .map((l) =>
          w.t[l]('reports:certificate.document_title', {
            person: data.person,
            assessment: data.assessment.title[l],
          }),
        )
        .join(' / '),
      author: w.label('reports:author'),
      subject: data.assessment.code,
      lang: w.lang,
      createdAt: data.producedAt,
    },
    blocks,
    footer: {
      left: w.languages
        .map((l) => w.t[l]('reports:footer.produced', { when: formatMoment(data.producedAt, l) }))
        .join(' / '),
      right: w.label('reports:footer.page', { page: 1, pages: 1 }),
    },
  };
}
