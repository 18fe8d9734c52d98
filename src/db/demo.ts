import { count, eq } from 'drizzle-orm';
import { systemActor } from '../audit/record.js';
import { createToken, type TokenRole } from '../auth/token-service.js';
import { IMPORT_COLUMNS, importCentres } from '../centres/import.js';
import type { AppContext } from '../context.js';
import { seedDemoMarks } from '../marks/demo.js';
import { accounts, assessmentAttempts, centres, hubAssessments } from './schema/index.js';

/** Fictional centres; telephone numbers are from Ofcom's ranges kept for drama, so none rings anyone. */
const DEMO_CENTRES: Record<(typeof IMPORT_COLUMNS)[number], string>[] = [
  {
    number: '68123',
    name: 'Ysgol Gyfun Gŵyr',
    address: 'Heol Talbot, Tregŵyr, Abertawe SA4 3AA',
    telephone: '029 2018 0101',
    language: 'cy',
    head_name: 'Dr Eleri Morgan',
    head_email: 'pennaeth@ysgolgwyr.cymru',
    eo_name: 'Gwenllian Rhys',
    eo_email: 'arholiadau@ysgolgwyr.cymru',
    eo_telephone: '029 2018 0102',
    general_email: 'swyddfa@ysgolgwyr.cymru',
    post_results_email: '',
    ukprn: '10001234',
    urn: '401234',
  },
  {
    number: '68201',
    name: 'Coleg Gŵyr Abertawe',
    address: 'Heol Tycoch, Sketty, Swansea SA2 9EB',
    telephone: '029 2018 0201',
    language: 'en',
    head_name: 'Mark Jones',
    head_email: 'principal@colegdemo.ac.uk',
    eo_name: 'Sarah Williams',
    eo_email: 'exams@colegdemo.ac.uk',
    eo_telephone: '029 2018 0202',
    general_email: '',
    post_results_email: 'results@colegdemo.ac.uk',
    ukprn: '10002345',
    urn: '',
  },
  {
    number: '68345',
    name: 'Ysgol Bro Dinefwr',
    address: 'Ffairfach, Llandeilo SA19 6PE',
    telephone: '029 2018 0301',
    language: 'cy',
    head_name: 'Rhodri Thomas',
    head_email: 'pennaeth@brodinefwr.cymru',
    eo_name: 'Siân Evans',
    eo_email: 'sian.evans@brodinefwr.cymru',
    eo_telephone: '029 2018 0302',
    general_email: '',
    post_results_email: '',
    ukprn: '',
    urn: '402345',
  },
  {
    number: '66410',
    name: "St Teilo's High School",
    address: 'Llandennis Road, Cardiff CF23 6WH',
    telephone: '029 2018 0401',
    language: 'en',
    head_name: 'Helen Davies',
    head_email: 'head@stteilos-demo.org.uk',
    eo_name: 'Joanne Price',
    eo_email: 'j.price@stteilos-demo.org.uk',
    eo_telephone: '029 2018 0402',
    general_email: 'office@stteilos-demo.org.uk',
    post_results_email: '',
    ukprn: '10003456',
    urn: '403456',
  },
  {
    number: '67002',
    name: 'Ysgol y Preseli',
    address: 'Crymych, Sir Benfro SA41 3QH',
    telephone: '029 2018 0501',
    language: 'cy',
    head_name: 'Non Hughes',
    head_email: 'pennaeth@preseli-demo.cymru',
    eo_name: 'Dafydd ap Gwilym',
    eo_email: 'arholiadau@preseli-demo.cymru',
    eo_telephone: '029 2018 0502',
    general_email: '',
    post_results_email: '',
    ukprn: '',
    urn: '',
  },
];

const DEMO_TOKENS: { role: TokenRole; email?: string; centre?: string; name?: string; what: string }[] = [
  { role: 'support', email: 'cefnogi@cymorth.localhost', name: 'Alun Support', what: 'centre support staff' },
  {
    role: 'helpline',
    email: 'llinell.gymorth@cymorth.localhost',
    name: 'Bethan Helpline',
    what: 'helpline staff',
  },
  { role: 'admin', email: 'gweinyddwr@cymorth.localhost', name: 'Carys Admin', what: 'staff admin' },
  { role: 'eo', centre: '68123', what: 'EO of Ysgol Gyfun Gŵyr (Welsh)' },
  { role: 'eo', centre: '66410', what: "EO of St Teilo's High School (English)" },
  {
    role: 'user',
    centre: '68123',
    email: 'athro@ysgolgwyr.cymru',
    name: 'Ifan Jenkins',
    what: 'teacher at 68123',
  },
  {
    role: 'moderator',
    email: 'cymedrolwr@cymorth.localhost',
    name: 'Mared Moderator',
    what: 'moderator of 3700U1 at 68123',
  },
];

function toCsv(rows: Record<string, string>[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    IMPORT_COLUMNS.join(','),
    ...rows.map((r) => IMPORT_COLUMNS.map((c) => quote(r[c] ?? '')).join(',')),
  ].join('\n');
}

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(centres);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo centres and accounts; answers a fresh token for each demo account. */
export async function seedDemo(ctx: AppContext) {
  const actor = systemActor('demo seed');
  await importCentres(ctx, actor, toCsv(DEMO_CENTRES));
  const tokens = [];
  for (const t of DEMO_TOKENS) {
    const { token, account } = await createToken(ctx, actor, { ...t, label: 'demo' });
    tokens.push({ what: t.what, email: account.email, token });
  }
  await seedDemoMarks(ctx, 'cymedrolwr@cymorth.localhost');
  return tokens;
}

/**
 * The demo teacher has passed one Hub assessment, so `npm start` has a certificate to download. Kept
 * out of `seedDemo`, which the tests share: they count every attempt there is.
 */
export async function seedDemoCertificate(ctx: AppContext) {
  const teacher = await ctx.db
    .select()
    .from(accounts)
    .where(eq(accounts.emailKey, 'athro@ysgolgwyr.cymru'))
    .get();
  const assessment = await ctx.db
    .select()
    .from(hubAssessments)
    .where(eq(hubAssessments.code, 'INV-MALPRACTICE'))
    .get();
  if (!teacher || !assessment) return;
  await ctx.db.insert(assessmentAttempts).values({
    accountId: teacher.id,
    assessmentId: assessment.id,
    section: 1,
    mark: 19,
    outOf: 20,
    passed: true,
    at: ctx.clock.now(),
  });
}
