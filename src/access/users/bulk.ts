import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { auditInsert } from '../../audit/record.js';
import type { Principal } from '../../auth/principal.js';
import { emailKey } from '../../centres/service.js';
import type { AppContext } from '../../context.js';
import type { Statement } from '../../db/atomic.js';
import { isUniqueViolation } from '../../db/errors.js';
import { accounts, invites, outbox } from '../../db/schema/index.js';
import { DomainError, type ErrorDetail } from '../../errors.js';
import { issuesToDetails } from '../../http/validation.js';
import { newMessageId } from '../../mail/outbox.js';
import { Email, LanguageField, Text } from '../../shared-schemas.js';
import { actorFor, assertManage, type UsersAccess, usersAccess } from '../policy.js';
import type { RawRow } from './bulk-parse.js';
import { type LiveAccount, liveAccountsByEmailKey, liveEmailKeys } from './queries.js';
import { HubRoleField, InviteAccountType } from './schema.js';
import { invitedAccount } from './service.js';

export const BULK_MODES = ['all-or-nothing', 'valid-only'] as const;
export type BulkMode = (typeof BULK_MODES)[number];

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v);

const BulkRow = z.object({
  first_name: Text(100),
  last_name: Text(100),
  email: Email,
  // Blank is no Hub role, as in a single invite: one rule for both.
  hub_role: z.preprocess(upper, HubRoleField.optional()),
  account_type: z.preprocess(lower, InviteAccountType),
  language: z.preprocess(lower, LanguageField),
});
type BulkRowInput = z.infer<typeof BulkRow>;

export interface RowOutcome {
  row: number;
  email: string | null;
  outcome: 'created' | 'already_there' | 'rejected';
  account_id: number | null;
  problems: ErrorDetail[];
}

/** Rows per insert statement: each chunk's JSON stays far under D1's 2 MB value limit. */
const INSERT_CHUNK = 500;

function checkRow(raw: RawRow, a: UsersAccess): { input?: BulkRowInput; problems: ErrorDetail[] } {
  if (raw.unreadable) {
    const { column } = raw.unreadable;
    const params = { line: raw.row, column };
    return { problems: [{ row: raw.row, field: column, code: 'quote_not_closed', params }] };
  }
  const problems: ErrorDetail[] = [
    ...raw.formulas.map((field) => ({ row: raw.row, field, code: 'formula_cell' })),
    ...raw.lost.map((field) => ({ row: raw.row, field, code: 'lost_character' })),
  ];
  const cells = Object.fromEntries(
    Object.entries(raw.cells).map(([k, v]) => [k, v?.trim() ? v.trim() : undefined]),
  );
  const parsed = BulkRow.safeParse(cells);
  if (!parsed.success) {
    const refused = new Set<string>([...raw.formulas, ...raw.lost]);
    problems.push(
      ...issuesToDetails(parsed.error.issues)
        .filter((d) => !refused.has(d.field ?? ''))
        .map((d) => ({ ...d, row: raw.row })),
    );
  } else if (parsed.data.account_type === 'admin' && !a.centreAdmin) {
    problems.push({ row: raw.row, field: 'account_type', code: 'admin_type_not_allowed' });
  }
  return { input: problems.length ? undefined : parsed.data, problems };
}

interface CheckedRow {
  raw: RawRow;
  input?: BulkRowInput;
  problems: ErrorDetail[];
  /** The id of the account at this centre that the row describes exactly, already there. */
  existing?: number;
}

const same = (a: string | null, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** Whether a row describes, field for field, an account this centre already has. */
function sameAccount(existing: LiveAccount, row: BulkRowInput, centreId: number) {
  return (
    existing.centreId === centreId &&
    same(existing.firstName, row.first_name) &&
    same(existing.lastName, row.last_name) &&
    same(existing.hubRole, row.hub_role) &&
    same(existing.accountType, row.account_type) &&
    same(existing.language, row.language)
  );
}

/**
 * Checks every row of an upload: fields, formula cells, duplicates within the file and addresses
 * already registered anywhere in the service (one query per chunk of addresses, not one per row).
 */
async function checkRows(ctx: AppContext, a: UsersAccess, rows: RawRow[]) {
  const checked: CheckedRow[] = rows.map((raw) => ({ raw, ...checkRow(raw, a) }));
  const firstRowOf = new Map<string, number>();
  for (const c of checked) {
    const key = c.input && emailKey(c.input.email);
    if (!key || !c.input) continue;
    if (firstRowOf.has(key)) {
      c.problems.push({
        row: c.raw.row,
        field: 'email',
        code: 'duplicate_in_file',
        params: { first: firstRowOf.get(key) },
      });
      c.input = undefined;
    } else firstRowOf.set(key, c.raw.row);
  }
  const taken = await liveAccountsByEmailKey(ctx.db, [...firstRowOf.keys()]);
  for (const c of checked) {
    const existing = c.input && taken.get(emailKey(c.input.email));
    if (!c.input || !existing) continue;
    // A corrected file uploaded again after a valid-only run repeats the rows already created.
    if (sameAccount(existing, c.input, a.centre.id)) c.existing = existing.id;
    else
      c.problems.push({
        row: c.raw.row,
        field: 'email',
        code: 'email_in_use',
        params: { email: c.input.email },
      });
    c.input = undefined;
  }
  return checked;
}

/**
 * Bulk creation (SPEC 2.2, seed 003). `all-or-nothing` applies nothing while any row is bad and says
 * so as an error naming each bad row; `valid-only` applies the good rows as one atomic write and
 * reports the bad ones. Every created account gets its invite in its own language.
 */
export async function bulkInvite(
  ctx: AppContext,
  p: Principal,
  number: string,
  read: () => Promise<RawRow[]>,
  mode: BulkMode,
) {
  const a = await usersAccess(ctx, p, number);
  assertManage(a);
  // The file is read only once the caller may upload at all.
  const rows = await read();
  const checked = await checkRows(ctx, a, rows);
  const bad = checked.filter((c) => !c.input && c.existing === undefined);
  if (mode === 'all-or-nothing' && bad.length) {
    throw new DomainError(
      'bulk_rejected',
      { count: bad.length, rows: rows.length },
      bad.flatMap((c) => c.problems),
    );
  }
  const good = checked.filter((c) => c.input);
  const ids = good.length
    ? await applyRows(
        ctx,
        a,
        p,
        good.map((c) => c.input as BulkRowInput),
      )
    : new Map();
  const outcomes: RowOutcome[] = checked.map((c) => {
    const email = c.input?.email ?? c.raw.cells.email?.trim() ?? null;
    const id = c.input ? ids.get(emailKey(c.input.email)) : undefined;
    return {
      row: c.raw.row,
      email: email || null,
      outcome: c.input ? 'created' : c.existing !== undefined ? 'already_there' : 'rejected',
      account_id: id ?? c.existing ?? null,
      problems: c.problems,
    };
  });
  return {
    mode,
    applied: true,
    rows: rows.length,
    created: good.length,
    already_there: checked.length - good.length - bad.length,
    rejected: bad.length,
    results: outcomes,
  };
}

/**
 * Rows travel as one JSON parameter per statement, which SQLite unpacks with `json_each`: drizzle
 * then renders one parameter instead of a dozen per row, and rendering was most of the upload's time
 * (bench row `bulk_users`). `j.value ->> i` is the row's i-th value; `fields(n)` lists the first n.
 */
const fields = (n: number) => sql.raw(Array.from({ length: n }, (_, i) => `j.value ->> ${i}`).join(', '));

function chunks<T>(rows: T[]): T[][] {
  return Array.from({ length: Math.ceil(rows.length / INSERT_CHUNK) }, (_, i) =>
    rows.slice(i * INSERT_CHUNK, (i + 1) * INSERT_CHUNK),
  );
}

/**
 * Rows go in as multi-row inserts, all in one batch, so thousands of accounts stay one atomic write.
 * The outbox rows are the ones `queueMail` builds.
 */
async function applyRows(ctx: AppContext, a: UsersAccess, p: Principal, inputs: BulkRowInput[]) {
  const now = ctx.clock.now();
  const at = now.getTime();
  const made = chunks(await Promise.all(inputs.map((input) => invitedAccount(ctx, a, input))));
  const inserts = made.map((rows) => {
    const values = rows.map(({ account: r }) => [
      r.kind,
      r.centreId,
      r.accountType,
      r.email,
      r.emailKey,
      r.status,
      r.firstName,
      r.lastName,
      r.language,
      r.hubRole,
      r.jobTitle,
      r.telephone,
    ]);
    return ctx.db.run(
      sql`insert into ${accounts} (kind, centre_id, account_type, email, email_key, status, first_name, last_name, language, hub_role, job_title, telephone, created_at, updated_at)
          select ${fields(12)}, ${at}, ${at} from json_each(${JSON.stringify(values)}) j`,
    );
  });
  // The new ids, read in the same batch as one JSON text: libSQL hands rows over one native call
  // each, which for thousands of `returning` rows cost a tenth of the upload. Value arrays are the one
  // raw shape every driver (libSQL, D1) answers alike.
  const keys = JSON.stringify(made.flat().map(({ account }) => account.emailKey));
  const newIds = ctx.db.values<[string]>(
    sql`select json_group_array(json_array(a.id, a.email_key)) from ${accounts} a
        where a.email_key in (select value from json_each(${keys})) and a.status <> 'deleted'`,
  );
  const rest: Statement[] = [
    ...made.map((rows) => {
      const values = rows.map(({ account, invite: i }) => [
        account.emailKey,
        i.tokenHash,
        i.expiresAt.getTime(),
      ]);
      // Joined to the accounts written just before by email key: one join per chunk, not a subquery per row.
      return ctx.db.run(
        sql`insert into ${invites} (account_id, purpose, token_hash, created_at, expires_at)
            select a.id, 'invite', j.value ->> 1, ${at}, j.value ->> 2 from json_each(${JSON.stringify(values)}) j
            join ${accounts} a on a.email_key = j.value ->> 0 and a.status <> 'deleted'`,
      );
    }),
    ...made.map((rows) => {
      const values = rows.map(({ mail }) => [
        newMessageId(ctx.config.MAIL_FROM),
        mail.to,
        mail.language,
        mail.template,
        JSON.stringify(mail.params),
      ]);
      return ctx.db.run(
        sql`insert into ${outbox} (message_id, to_address, language, template, params, headers, status, next_attempt_at, created_at)
            select ${fields(5)}, '{}', 'pending', ${at}, ${at} from json_each(${JSON.stringify(values)}) j`,
      );
    }),
    auditInsert(ctx.db, actorFor(p), now, {
      entity: 'centre',
      entityId: a.centre.number,
      centreId: a.centre.id,
      action: 'bulk_invite',
      after: { created: inputs.length, emails: inputs.map((i) => i.email) },
    }),
  ];
  let results: unknown[];
  try {
    const [first, ...others] = [...inserts, ...rest, newIds];
    if (!first || !inserts.length) return new Map<string, number>();
    results = await ctx.db.batch([first, ...others]);
  } catch (err) {
    // Someone registered one of these addresses between the check and the write: nothing applied.
    if (isUniqueViolation(err, 'email_key')) {
      const taken = await liveEmailKeys(
        ctx.db,
        inputs.map((i) => emailKey(i.email)),
      );
      const first = inputs.find((i) => taken.has(emailKey(i.email)));
      throw new DomainError('email_in_use', { email: first?.email ?? '' });
    }
    throw err;
  }
  const [[pairs = '[]'] = []] = results.at(-1) as [string][];
  return new Map((JSON.parse(pairs) as [number, string][]).map(([id, key]) => [key, id]));
}
