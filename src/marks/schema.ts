import { z } from '@hono/zod-openapi';
import { LangQuery, PaginationQuery } from '../http/openapi.js';
import { CandidateNumber } from './import-schema.js';

export const UnitParams = z.object({
  number: z.string().openapi({ param: { name: 'number', in: 'path' }, example: '68123' }),
  unit: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'unit', in: 'path' }, example: 1, type: 'integer' }),
});

export const CandidateParams = UnitParams.extend({
  candidate: CandidateNumber.openapi({ param: { name: 'candidate', in: 'path' }, example: '1054' }),
});

export const FileParams = CandidateParams.extend({
  file: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'file', in: 'path' }, example: 1, type: 'integer' }),
});

const Mark = z.union([z.number().int(), z.literal('A'), z.literal('CF')]).nullable();

export const ComponentSchema = z.object({ key: z.string(), label: z.string(), max: z.number().int() });

export const UnitSchema = z
  .object({
    id: z.number().int(),
    code: z.string().openapi({ example: '3700U1' }),
    series: z.string().openapi({ example: 'GCSE NOVEMBER 2026' }),
    title: z.string(),
    components: z.array(ComponentSchema),
    status: z.enum(['enter_marks', 'ready_to_submit', 'submitted']),
    done: z.number().int(),
    left: z.number().int(),
    submitted: z.number().int(),
    teacher_initials: z.boolean(),
    uploads: z.boolean(),
    sample_deadline: z.string(),
    submission_deadline: z.string(),
    results_day: z.string(),
    moderator: z.object({ name: z.string(), email: z.string() }).nullable(),
  })
  .openapi('Unit');

export const MarksheetRowSchema = z
  .object({
    candidate_number: z.string().openapi({ example: '1054' }),
    name: z.string().openapi({ example: 'PRITCHARD:ELIN' }),
    date_of_birth: z.string(),
    marks: z.record(z.string(), Mark).openapi({ example: { task_1: 15, task_2: 'A' } }),
    clerical: z
      .record(z.string(), z.number().int())
      .openapi({ description: "Moderators' clerical corrections; they override `marks`" }),
    total: Mark,
    original_total: Mark.openapi({
      description: 'The total before clerical corrections, when there are any',
    }),
    initials: z.string().nullable(),
    sample: z.boolean(),
    missing: z.array(z.string()).openapi({ description: 'What the row still needs before submission' }),
    version: z.number().int(),
    moderator_marks: z.record(z.string(), z.number().int()).optional(),
  })
  .openapi('MarksheetRow');

export const MarksheetQuery = PaginationQuery.extend(LangQuery.shape).extend({
  sort: z.enum(['candidate', 'name', 'mark']).default('candidate'),
  show: z.enum(['all', 'unmarked', 'marked', 'samples']).default('all'),
  q: z.string().trim().max(60).optional().openapi({ description: 'Surname, ignoring case and accents' }),
});

export const SaveMarksBody = z
  .strictObject({
    rows: z
      .array(
        z.strictObject({
          candidate_number: CandidateNumber,
          marks: z
            .record(z.string(), z.union([z.number(), z.string().max(8), z.null()]))
            .openapi({ example: { task_1: 15, task_2: 'a' } }),
          initials: z.string().max(8).nullable().optional(),
          version: z.number().int().min(1),
        }),
      )
      .min(1)
      .max(2000),
  })
  .openapi('SaveMarks');

export const SaveMarksResult = z.object({
  saved: z.number().int(),
  refused: z.array(
    z.object({
      candidate_number: z.string(),
      component: z.string().nullable(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  rows: z.array(MarksheetRowSchema),
});

export const SampleMemberSchema = z
  .object({
    candidate_number: z.string(),
    name: z.string(),
    marks: z.record(z.string(), Mark),
    clerical: z.record(z.string(), z.number().int()),
    total: Mark,
    initials: z.string().nullable(),
    reason: z.enum(['system', 'centre', 'replacement']),
    replaces: z.string().nullable(),
    replaced: z.object({ at: z.string(), reason: z.enum(['lost', 'incomplete']).nullable() }).nullable(),
    moderator_marks: z.record(z.string(), z.number().int()).optional(),
  })
  .openapi('SampleMember');

export const SampleSchema = z
  .object({
    rule: z.string().nullable().openapi({ description: 'Version of the sample-size table used' }),
    data: z.array(SampleMemberSchema),
  })
  .openapi('Sample');

export const SubmitBody = z
  .strictObject({
    candidates_informed: z.boolean().openapi({
      description: 'JCQ: candidates have been told their marks and could ask for a review of them',
    }),
  })
  .openapi('SubmitMarks');

export const AddSampleBody = z.strictObject({ candidate_number: CandidateNumber });
export const ReplaceBody = z.strictObject({ reason: z.enum(['lost', 'incomplete']) });
