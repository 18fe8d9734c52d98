import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { accounts, type CentreRow, centres } from '../db/schema/index.js';
import { looksLikeEmail } from './extract.js';
import { centreNameMatches } from './name-match.js';
import type { Authentication, Checks, FieldName } from './result.js';
import { signatoryMatches } from './signatory.js';

export interface Validation {
  centre: CentreRow | null;
  checks: Checks;
  missing: string[];
}

export const domainOf = (address: string | null) => address?.split('@')[1]?.toLowerCase() ?? null;

/** The domains a centre's addresses on record use: its own, its Head's, its EO's, its accounts'. */
export async function centreDomains(ctx: AppContext, centre: CentreRow): Promise<Set<string>> {
  const rows = await ctx.db
    .select({ email: accounts.email })
    .from(accounts)
    .where(and(eq(accounts.centreId, centre.id), ne(accounts.status, 'deleted')));
  const all = [
    centre.headEmail,
    centre.eoEmail,
    centre.generalEmail,
    centre.postResultsEmail,
    ...rows.map((r) => r.email),
  ];
  return new Set(all.map(domainOf).filter((d): d is string => Boolean(d)));
}

export interface ValidateInput {
  /** The title is kept beside the name but checked by nobody: the queue's corrections leave it out. */
  fields: Record<Exclude<FieldName, 'new_eo_title'>, string | null>;
  letterhead: boolean;
  senders: string[];
  authentication: Authentication;
}

/** SPEC 2.3's checks over the fields a request has now, and what the centre must still send. */
export async function validate(ctx: AppContext, input: ValidateInput): Promise<Validation> {
  const { fields } = input;
  const centre = fields.centre_number
    ? ((await ctx.db.select().from(centres).where(eq(centres.number, fields.centre_number)).get()) ?? null)
    : null;
  const email = fields.new_eo_email;
  const emailOk = email !== null && looksLikeEmail(email);
  let emailUnused = false;
  if (emailOk) {
    const holder = await ctx.db
      .select({ centreId: accounts.centreId })
      .from(accounts)
      .where(and(eq(accounts.emailKey, email.toLowerCase()), ne(accounts.status, 'deleted')))
      .get();
    // Someone already at the same centre may become its EO; an account elsewhere may not.
    emailUnused = !holder || (centre !== null && holder.centreId === centre.id);
  }
  const domains = centre ? await centreDomains(ctx, centre) : new Set<string>();
  const checks: Checks = {
    letterhead: input.letterhead,
    signatory_matches: signatoryMatches(fields.signatory, centre?.headName ?? null),
    centre_name_matches:
      centre !== null && fields.centre_name !== null && centreNameMatches(fields.centre_name, centre.name),
    sender_domain_known:
      centre !== null &&
      input.senders.length > 0 &&
      input.senders.every((s) => domains.has(domainOf(s) ?? '')),
    new_email_unused: emailUnused,
    authentication: input.authentication,
  };
  const missing: string[] = [];
  if (!fields.new_eo_name) missing.push('new_eo_name');
  if (!emailOk) missing.push('new_eo_email');
  if (!fields.centre_name) missing.push('centre_name');
  if (!centre) missing.push('centre_number');
  if (!fields.signatory) missing.push('signatory');
  if (!input.letterhead) missing.push('letterhead');
  return { centre, checks, missing };
}
