import { z } from '@hono/zod-openapi';
import { HUB_ROLES } from '../../db/schema/index.js';
import { PROGRESS_STATUSES } from './progress.js';

const AssessmentCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9-]+$/)
  .openapi({ example: 'INV-ONSCREEN' });

export const AccountParams = z.object({
  number: z.string().openapi({ param: { name: 'number', in: 'path' }, example: '68123' }),
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

export const AttemptParams = AccountParams.extend({
  assessment: AssessmentCode.openapi({ param: { name: 'assessment', in: 'path' } }),
});

export const HideBody = z
  .strictObject({
    hidden: z
      .array(AssessmentCode)
      .max(100)
      .openapi({ description: 'Every assessment to hide; the rest are shown again' }),
  })
  .openapi('HideAssessments');

export type HideInput = z.infer<typeof HideBody>;

export const AttemptBody = z
  .strictObject({
    mark: z.number().int().min(0).max(1000).openapi({ example: 19 }),
    out_of: z.number().int().min(1).max(1000).openapi({ example: 20 }),
    section: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'Which section of the assessment (1 when omitted)', example: 1 }),
  })
  .refine((v) => v.mark <= v.out_of, { path: ['mark'], params: { i18n: 'mark_over_out_of' } })
  .openapi('RecordAttempt');

export type AttemptInput = z.infer<typeof AttemptBody>;

const AccountRef = z
  .object({
    id: z.number().int(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    hub_role: z.enum(HUB_ROLES).nullable(),
  })
  .openapi('HubAccount');

export const HiddenAssessmentsSchema = z
  .object({
    account: AccountRef,
    hideable: z
      .boolean()
      .openapi({ description: 'Only an invigilator (`INV`) account can have assessments hidden' }),
    assessments: z.array(
      z.object({
        code: z.string().openapi({ example: 'INV-ONSCREEN' }),
        title: z.string().openapi({ example: 'On-screen exams' }),
        hidden: z.boolean(),
      }),
    ),
  })
  .openapi('HiddenAssessments');

const Score = z.object({ mark: z.number().int(), out_of: z.number().int() });

const AttemptSchema = z.object({
  id: z.number().int(),
  mark: z.number().int().openapi({ example: 19 }),
  out_of: z.number().int().openapi({ example: 20 }),
  passed: z.boolean(),
  at: z.string().openapi({ example: '2026-11-23T09:00:00.000Z' }),
});

export const AssessmentProgressSchema = z
  .object({
    code: z.string().openapi({ example: 'INV-INTRO' }),
    title: z.string().openapi({ example: 'Introduction to invigilation' }),
    for_invigilators: z.boolean(),
    pass_mark: z.number().int().openapi({ description: 'Percentage a section needs', example: 80 }),
    status: z.enum(PROGRESS_STATUSES),
    sections_passed: z.number().int().openapi({ example: 2 }),
    section_count: z.number().int().openapi({ example: 3 }),
    best_result: Score.nullable().openapi({
      description: "The sum of each attempted section's best attempt",
    }),
    failed_attempts: z.number().int(),
    last_attempt_at: z.string().nullable(),
    sections: z.array(
      z.object({
        section: z.number().int(),
        status: z.enum(PROGRESS_STATUSES),
        best_result: Score.nullable(),
        failed_attempts: z.number().int(),
        attempts: z.array(AttemptSchema),
      }),
    ),
  })
  .openapi('AssessmentProgress');

export const AccountAssessmentsSchema = z
  .object({
    account: AccountRef,
    started: z
      .boolean()
      .openapi({ description: 'Whether any assessment has been attempted (the "Info" icon)' }),
    assessments: z.array(AssessmentProgressSchema),
  })
  .openapi('AccountAssessments');
