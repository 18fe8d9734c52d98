import { z } from '@hono/zod-openapi';

const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'centre_not_found' }),
      message: z.string().openapi({ example: 'No centre has the number 99999.' }),
      details: z
        .array(
          z.object({
            field: z.string().optional(),
            row: z.number().int().optional(),
            code: z.string(),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .openapi('Error');

export const errorJson = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error answers every authenticated route can give, so each route lists them the same way. */
export const errorResponses = {
  400: errorJson('Invalid input: malformed JSON, unknown or wrongly typed fields'),
  401: errorJson('Missing or invalid token'),
  403: errorJson('Not allowed for this account'),
  404: errorJson('Not found'),
  413: errorJson('Body too large'),
  415: errorJson('Body is not JSON'),
} as const;

export const bearerSecurity = [{ bearer: [] }];

export function paginated<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
  });
}

export const PaginationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  per_page: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
});

export const LangQuery = z.object({
  lang: z
    .enum(['en', 'cy'])
    .optional()
    .openapi({ description: 'Response language (overrides the account and Accept-Language)' }),
});

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
