import { z } from '@hono/zod-openapi';
import { assertStaff } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { matchesAll, queryWords, searchFold } from './match.js';
import { accountsToSearch, centresToSearch } from './queries.js';

const CENTRE_FIELDS = [
  'number',
  'name',
  'address',
  'general_email',
  'post_results_email',
  'head_name',
  'head_email',
  'eo_name',
  'eo_email',
] as const;

export const SearchHitSchema = z
  .object({
    type: z.enum(['centre', 'account']),
    centre: z
      .object({ number: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: 'The centre the hit belongs to; null for staff accounts' }),
    role: z.string().openapi({
      description:
        "An account's role (eo, admin, user, or staff_support, staff_helpline, ...); for a centre, the field that matched (head_email, eo_name, ...)",
      example: 'eo',
    }),
    account_id: z.number().int().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    status: z.string().nullable().openapi({ description: "An account's status: active or invited" }),
  })
  .openapi('SearchHit');
type SearchHit = z.infer<typeof SearchHitSchema>;

type CentreRow = Awaited<ReturnType<typeof centresToSearch>>[number];
type AccountRow = Awaited<ReturnType<typeof accountsToSearch>>[number];

/** The first field of a centre the query matches, or none: a number matches by its start. */
function centreMatch(c: CentreRow, words: string[], digits: string | undefined) {
  if (digits && c.number.startsWith(digits)) return 'number';
  return CENTRE_FIELDS.find((f) => f !== 'number' && c[f] && matchesAll(words, searchFold(c[f] ?? '')));
}

function accountHit(a: AccountRow, centre: CentreRow | undefined): SearchHit {
  const name = [a.firstName, a.lastName].filter(Boolean).join(' ') || null;
  return {
    type: 'account',
    centre: centre ? { number: centre.number, name: centre.name } : null,
    role: a.kind === 'staff' ? `staff_${a.staffRole}` : (a.accountType ?? 'user'),
    account_id: a.id,
    name,
    email: a.email,
    status: a.status,
  };
}

/**
 * The helpline's one search, the way callers talk (issue 17, item 4): centres by number, name or any
 * address on record, and accounts across every centre by name or email, ignoring case, accents and
 * punctuation. Centres come first, then accounts. It reads every centre and live account and matches
 * in memory, since SQLite (and D1) cannot fold accents; thousands of rows take a few milliseconds.
 */
export async function search(
  ctx: AppContext,
  p: Principal,
  input: { q: string; page: number; per_page: number },
) {
  assertStaff(p, 'support', 'helpline', 'admin');
  const words = queryWords(input.q);
  const digits = /^\s*(\d+)\s*$/.exec(input.q)?.[1];
  const [centreRows, accountRows] = await Promise.all([centresToSearch(ctx.db), accountsToSearch(ctx.db)]);
  const byId = new Map(centreRows.map((c) => [c.id, c]));
  const hits: SearchHit[] = [];
  for (const c of centreRows) {
    const field = centreMatch(c, words, digits);
    if (field)
      hits.push({
        type: 'centre',
        centre: { number: c.number, name: c.name },
        role: field,
        account_id: null,
        name: null,
        email: null,
        status: null,
      });
  }
  for (const a of accountRows) {
    const text = searchFold(`${a.firstName ?? ''} ${a.lastName ?? ''} ${a.email}`);
    if (matchesAll(words, text)) hits.push(accountHit(a, a.centreId ? byId.get(a.centreId) : undefined));
  }
  const start = (input.page - 1) * input.per_page;
  return {
    data: hits.slice(start, start + input.per_page),
    page: input.page,
    per_page: input.per_page,
    total: hits.length,
  };
}
