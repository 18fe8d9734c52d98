import { eq } from 'drizzle-orm';
import { type Actor, auditInsert, diff } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { decodeSpreadsheetText, lostCharacter } from '../csv/decode.js';
import { readCsvRecords } from '../csv/read.js';
import { type Statement, writeAtomically } from '../db/atomic.js';
import { isUniqueViolation } from '../db/errors.js';
import { accounts, centres } from '../db/schema/index.js';
import { DomainError, type ErrorDetail } from '../errors.js';
import { issuesToDetails } from '../http/validation.js';
import { fold } from './fold.js';
import { centreIdOf, findCentreByNumber, findEoAccount, findLiveAccountByEmailKey } from './queries.js';
import { CreateCentreBody, type CreateCentreInput } from './schema.js';
import { centreValues, emailKey, splitName } from './service.js';

export const IMPORT_COLUMNS = [
  'number',
  'name',
  'address',
  'telephone',
  'language',
  'head_name',
  'head_email',
  'eo_name',
  'eo_email',
  'eo_telephone',
  'general_email',
  'post_results_email',
  'ukprn',
  'urn',
] as const;

/**
 * Rows as a spreadsheet numbers them (the header is row 1), from the file's bytes in whatever
 * encoding the spreadsheet saved (`decodeSpreadsheetText`). An address may run over lines in a
 * quoted cell; a line that cannot be read, or a cell holding a character the file lost, is reported
 * with the rest, so one import names every problem.
 */
function parseRows(file: Uint8Array | string) {
  const { text, encoding } =
    typeof file === 'string' ? { text: file, encoding: 'utf-8' as const } : decodeSpreadsheetText(file);
  const { records, unreadable } = readCsvRecords(text, { multilineCells: true });
  const [first, ...body] = records;
  const header = first?.line === 1 ? first.values.map((h) => h.trim()) : [];
  const problems: ErrorDetail[] = unreadable.map(({ line, column }) => {
    const field = header[column - 1] ?? String(column);
    return { row: line, field, code: 'quote_not_closed', params: { line, column: field } };
  });
  const missing = IMPORT_COLUMNS.filter((c) => !header.includes(c));
  if (records.length && missing.length) {
    throw new DomainError(
      'import_failed',
      {},
      missing.map((c) => ({ row: 1, field: c, code: 'required' })),
    );
  }
  const rows = body
    .filter(({ values }) => values.some((v) => v.trim() !== ''))
    .map(({ line, values }) => {
      const cells = header.map((name, i) => [name, values[i]?.trim() || undefined] as const);
      for (const [field, value] of cells)
        if (value && lostCharacter(value, encoding))
          problems.push({ row: line, field, code: 'lost_character' });
      return { row: line, input: Object.fromEntries(cells) as Record<string, string | undefined> };
    });
  return { rows, problems };
}

/**
 * Imports or updates centres by number, with an `eo` account for each EO. Every row is checked
 * first; one bad row means nothing is written and each bad row is named with its reason.
 */
export async function importCentres(ctx: AppContext, actor: Actor, file: Uint8Array | string) {
  const { rows, problems } = parseRows(file);
  const errors: ErrorDetail[] = [...problems];
  const valid: { row: number; input: CreateCentreInput }[] = [];
  const seenNumbers = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  for (const { row, input } of rows) {
    const parsed = CreateCentreBody.safeParse(input);
    if (!parsed.success) {
      errors.push(...issuesToDetails(parsed.error.issues).map((d) => ({ ...d, row })));
      continue;
    }
    const number = parsed.data.number;
    const key = emailKey(parsed.data.eo_email);
    if (seenNumbers.has(number)) errors.push({ row, field: 'number', code: 'duplicate_in_file' });
    if (seenEmails.has(key)) errors.push({ row, field: 'eo_email', code: 'duplicate_in_file' });
    seenNumbers.set(number, row);
    seenEmails.set(key, row);
    valid.push({ row, input: parsed.data });
  }

  const now = ctx.clock.now();
  const statements: Statement[] = [];
  let created = 0;
  let updated = 0;
  for (const { row, input } of valid) {
    const existing = await findCentreByNumber(ctx.db, input.number);
    const eo = existing ? await findEoAccount(ctx.db, existing.id) : undefined;
    const holder = await findLiveAccountByEmailKey(ctx.db, emailKey(input.eo_email));
    if (holder && holder.id !== eo?.id) {
      errors.push({ row, field: 'eo_email', code: 'email_in_use', params: { email: input.eo_email } });
      continue;
    }
    const values = centreValues(input, now);
    const names = splitName(input.eo_name);
    if (!existing) {
      created++;
      statements.push(
        ctx.db.insert(centres).values(values),
        auditInsert(ctx.db, actor, now, {
          entity: 'centre',
          entityId: input.number,
          centreId: centreIdOf(input.number),
          action: 'import_create',
          after: { ...input },
        }),
      );
    } else {
      const { createdAt: _c, updatedAt: _u, ...columns } = values;
      const change = diff(existing as unknown as Record<string, unknown>, columns);
      if (change.changed) {
        updated++;
        statements.push(
          ctx.db
            .update(centres)
            .set({ ...change.after, nameFolded: fold(input.name), updatedAt: now })
            .where(eq(centres.id, existing.id)),
          auditInsert(ctx.db, actor, now, {
            entity: 'centre',
            entityId: input.number,
            centreId: existing.id,
            action: 'import_update',
            before: change.before,
            after: change.after,
          }),
        );
      }
    }
    const account = {
      email: input.eo_email,
      emailKey: emailKey(input.eo_email),
      telephone: input.eo_telephone,
      ...names,
      updatedAt: now,
    };
    statements.push(
      eo
        ? ctx.db.update(accounts).set(account).where(eq(accounts.id, eo.id))
        : ctx.db.insert(accounts).values({
            kind: 'centre',
            centreId: centreIdOf(input.number),
            accountType: 'eo',
            language: input.language,
            createdAt: now,
            ...account,
          }),
    );
  }
  if (errors.length)
    throw new DomainError(
      'import_failed',
      {},
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    );
  try {
    await writeAtomically(ctx.db, statements);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('import_failed', {}, [{ code: 'email_in_use' }]);
    throw err;
  }
  return { created, updated, rows: rows.length };
}
