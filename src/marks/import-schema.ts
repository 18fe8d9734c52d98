import { z } from '@hono/zod-openapi';
import type { UnitComponent } from '../db/schema/index.js';
import { componentKey } from './rules.js';

const refuse = (ctx: z.core.$RefinementCtx, key: string) =>
  ctx.addIssue({ code: 'custom', params: { i18n: key }, input: undefined });

/** `GCSE NOVEMBER 2026` however it is spaced or cased. */
const Series = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, ' ').toUpperCase())
  .pipe(z.string().min(3).max(80));

/** `3700U1`, `9791/01`: four digits, then letters and digits or a slash and two digits. */
const UnitCode = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine((v) => /^\d{3,4}[0-9A-Z]{1,3}$|^\d{4}\/\d{2}$/.test(v), { params: { i18n: 'unit_code' } });

const YesNo = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .refine((v) => v === 'yes' || v === 'no', { params: { i18n: 'yes_no' } })
  .transform((v) => v === 'yes');

const IsoDate = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    params: { i18n: 'iso_date' },
  });

/** `Task 1:40;Task 2:40` (label:maximum), one component or several, keys unique. */
const Components = z.string().transform((v, ctx): UnitComponent[] => {
  const parts = v
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const out: UnitComponent[] = [];
  for (const part of parts) {
    const m = part.match(/^(.{1,40}):\s*(\d{1,4})$/);
    const label = m?.[1]?.trim() ?? '';
    const key = componentKey(label);
    const max = Number(m?.[2]);
    if (!m || !key || max < 1 || out.some((c) => c.key === key)) {
      refuse(ctx, 'components');
      return z.NEVER;
    }
    out.push({ key, label, max });
  }
  if (!out.length) refuse(ctx, 'components');
  return out;
});

export const UnitImportRow = z.object({
  series: Series,
  code: UnitCode,
  title: z.string().trim().min(1).max(200),
  title_cy: z.string().trim().min(1).max(200),
  components: Components,
  teacher_initials: YesNo,
  uploads: YesNo,
  sample_deadline: IsoDate,
  submission_deadline: IsoDate,
  results_day: IsoDate,
});
export type UnitImport = z.infer<typeof UnitImportRow>;

export const CandidateNumber = z
  .string()
  .refine((v) => /^\d{4}$/.test(v), { params: { i18n: 'candidate_number' } })
  .openapi({ example: '1054' });

export const EntryImportRow = z.object({
  series: Series,
  code: UnitCode,
  centre_number: z.string().refine((v) => /^\d{5}$/.test(v), { params: { i18n: 'centre_number' } }),
  candidate_number: CandidateNumber,
  candidate_name: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => /^[^:]{1,60}:[^:]{1,60}$/.test(v), { params: { i18n: 'candidate_name' } })
    .transform((v) => {
      const [surname = '', forename = ''] = v.split(':').map((s) => s.trim().toUpperCase());
      return { surname, forename };
    }),
  date_of_birth: IsoDate,
});
export type EntryImport = z.infer<typeof EntryImportRow>;

export const UNIT_COLUMNS = Object.keys(UnitImportRow.shape);
export const ENTRY_COLUMNS = Object.keys(EntryImportRow.shape);
