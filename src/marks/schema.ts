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

const ComponentSchema = z.object({ key: z.string(), label: z.string(), max: z.number().int() });

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

const SampleMemberSchema = z
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
    candidates_informed: z.boolean().optional().openapi({
      description:
        'JCQ: candidates have been told their marks and could ask for a review of them; anything but `true` is refused (422)',
    }),
  })
  .openapi('SubmitMarks');

export const AddSampleBody = z.strictObject({ candidate_number: CandidateNumber });
export const ReplaceBody = z.strictObject({ reason: z.enum(['lost', 'incomplete']) });

const Whole = z.number().int().min(0);

export const ModeratorMarksBody = z
  .strictObject({ marks: z.record(z.string(), Whole).openapi({ example: { task_1: 14, task_2: 16 } }) })
  .openapi('ModeratorMarks');

export const ClericalBody = z
  .strictObject({ component: z.string().min(1).max(40), mark: Whole.nullable() })
  .openapi('ClericalError', { example: { component: 'task_1', mark: 18 } });

export const ReportBody = z
  .strictObject({
    outcome: z.enum(['accepted', 'adjusted', 'referred']),
    comments: z.string().trim().min(1).max(5000),
  })
  .openapi('ModeratorReportInput');

export const ModeratorReportSchema = z
  .object({
    centre: z.object({ number: z.string(), name: z.string() }),
    unit: z.object({
      id: z.number().int(),
      code: z.string(),
      series: z.string(),
      title: z.string(),
      components: z.array(ComponentSchema),
    }),
    moderator: z.object({ name: z.string(), email: z.string() }).nullable(),
    results_day: z.string(),
    outcome: z.enum(['accepted', 'adjusted', 'referred']).nullable(),
    comments: z.string().nullable(),
    sample: z.array(
      z.object({
        candidate_number: z.string(),
        name: z.string(),
        centre_mark: Mark,
        moderator_mark: Mark,
        difference: z.number().int().nullable(),
      }),
    ),
    clerical_errors: z.array(
      z.object({
        candidate_number: z.string(),
        component: z.string(),
        original: Mark,
        amended: z.number().int(),
      }),
    ),
  })
  .openapi('ModeratorReport');

export const AmendmentBody = z
  .strictObject({
    candidate_number: CandidateNumber,
    component: z.string().min(1).max(40),
    mark: z.union([z.number().int(), z.string().max(4)]).openapi({ example: 34 }),
    reason: z.string().trim().min(1).max(2000),
  })
  .openapi('MarksAmendmentRequest');

const AmendmentFields = {
  candidate_number: z.string(),
  component: z.string(),
  original_mark: Mark,
  requested_mark: Mark,
  reason: z.string(),
};

export const AmendmentCreated = z
  .object({
    reference: z.string().openapi({ example: 'MA-2026-00001' }),
    status: z.string(),
    ...AmendmentFields,
  })
  .openapi('MarksAmendment');

export const AmendmentList = z.object({
  data: z.array(
    z.object({
      reference: z.string(),
      status: z.string(),
      decision_reason: z.string().nullable(),
      applied_at: z.string().nullable(),
      ...AmendmentFields,
    }),
  ),
});
