import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { accounts, centres } from '../../src/db/schema/index.js';
import { buildNodeContext } from '../../src/node-context.js';
import { cymorth, scratch } from '../support/child.js';

const s = scratch();
const env = { DATABASE_PATH: s.db, DATA_DIR: s.dir };
afterAll(() => s.remove());

/** Opens the CLI's database in this process, as the server would, and asks the app. */
async function withApp<T>(fn: (call: (path: string, token: string) => Promise<Response>) => Promise<T>) {
  const { ctx, close } = await buildNodeContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  const app = createApp(ctx);
  try {
    return await fn(async (path, token) =>
      app.request(path, { headers: { authorization: `Bearer ${token}` } }),
    );
  } finally {
    await close();
  }
}

async function dbQuery<T>(fn: (db: Awaited<ReturnType<typeof buildNodeContext>>['ctx']['db']) => Promise<T>) {
  const { ctx, close } = await buildNodeContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  try {
    return await fn(ctx.db);
  } finally {
    await close();
  }
}

const lastLine = (out: string) => out.trim().split('\n').pop() ?? '';

describe('npx cymorth --help', { timeout: 120_000 }, () => {
  it('lists every command, and each command has its own help', async () => {
    const res = await cymorth(['--help'], env);
    expect(res.code).toBe(0);
    const commands = [...(res.stdout.split('Commands:')[1]?.matchAll(/^ {2}(\w[\w-]*)/gm) ?? [])].map(
      (m) => m[1],
    );
    expect(commands).toEqual(expect.arrayContaining(['migrate', 'seed', 'token', 'import', 'help']));
    const subs = commands.filter((c) => c !== 'help') as string[];
    const helps = await Promise.all(subs.map((command) => cymorth([command, '--help'], env)));
    helps.forEach((sub, i) => {
      expect(sub.code, subs[i]).toBe(0);
      expect(sub.stdout, subs[i]).toContain(`Usage: cymorth ${subs[i]}`);
    });
    const token = await cymorth(['token', '--help'], env);
    expect(token.stdout).toMatch(/create \[options\][\s\S]*revoke \[options\]/);
    expect((await cymorth(['import', '--help'], env)).stdout).toContain('centres <file>');
  });
});

describe('cymorth seed and token', { timeout: 120_000 }, () => {
  let seeded: string;
  beforeAll(async () => {
    const res = await cymorth(['seed', '--demo'], env);
    expect(res.code, res.stderr).toBe(0);
    seeded = res.stdout;
  });

  it('seeds the demo on an empty database, printing a token per demo account', async () => {
    const lines = seeded.trim().split('\n');
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line).toMatch(/\tcym_[\w-]{40,}$/);
    expect(await dbQuery(async (db) => (await db.select({ n: count() }).from(centres))[0]?.n)).toBe(5);
    const support = seeded.match(/centre support staff\t\S+\t(cym_\S+)/)?.[1] as string;
    expect(await withApp(async (call) => (await call('/api/v1/centres/68123', support)).status)).toBe(200);
  });

  it('refuses to seed a database that has centres', async () => {
    const res = await cymorth(['seed', '--demo'], env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('already has centres');
  });

  it('creates a support account and prints a working token as the last line', async () => {
    const res = await cymorth(
      ['token', 'create', '--role', 'support', '--email', 'newydd@cymorth.localhost'],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    const token = lastLine(res.stdout);
    expect(token).toMatch(/^cym_[\w-]{40,}$/);
    const me = await withApp(async (call) => (await call('/api/v1/me', token)).json());
    expect(me).toMatchObject({ email: 'newydd@cymorth.localhost', kind: 'staff', staff_role: 'support' });
  });

  it("gives --role eo --centre 68123 the centre's EO account", async () => {
    const res = await cymorth(['token', 'create', '--role', 'eo', '--centre', '68123'], env);
    expect(res.code, res.stderr).toBe(0);
    const me = await withApp(async (call) => (await call('/api/v1/me', lastLine(res.stdout))).json());
    expect(me).toMatchObject({
      email: 'arholiadau@ysgolgwyr.cymru',
      account_type: 'eo',
      centre_number: '68123',
      first_name: 'Gwenllian',
    });
    const eos = await dbQuery((db) => db.select().from(accounts).where(eq(accounts.accountType, 'eo')));
    expect(eos).toHaveLength(5);
  });

  it('gives --role admin --centre 68123 a centre admin, not a staff admin', async () => {
    const res = await cymorth(
      ['token', 'create', '--role', 'admin', '--centre', '68123', '--email', 'gweinyddwr@ysgolgwyr.cymru'],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    const token = lastLine(res.stdout);
    await withApp(async (call) => {
      expect(await (await call('/api/v1/me', token)).json()).toMatchObject({
        kind: 'centre',
        account_type: 'admin',
        staff_role: null,
        centre_number: '68123',
      });
      expect((await call('/api/v1/centres?q=gwyr', token)).status).toBe(403);
    });
  });

  it('refuses an unknown role or centre with one clear line', async () => {
    const role = await cymorth(['token', 'create', '--role', 'wizard', '--email', 'a@b.cymru'], env);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toMatch(/--role must be one of/);
    const centre = await cymorth(['token', 'create', '--role', 'eo', '--centre', '99999'], env);
    expect(centre.code).not.toBe(0);
    expect(centre.stderr).toContain('No centre has the number 99999.');
  });

  it('writes a staff token for a deployed Worker as SQL, touching no local database', async () => {
    const file = join(s.dir, 'first-token.sql');
    const d1Env = { DATABASE_PATH: join(s.dir, 'never-opened.sqlite'), DATA_DIR: s.dir };
    const made = await cymorth(
      ['token', 'create', '--role', 'admin', '--email', 'ops@cymorth.localhost', '--d1-sql', file],
      d1Env,
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`npx wrangler d1 execute cymorth --remote --file ${file}`);
    expect(lastLine(made.stdout)).toMatch(/^cym_[\w-]{43}$/);
    expect(readFileSync(file, 'utf8')).toMatch(/^insert into "accounts"[\s\S]*insert into "api_tokens"/);
    expect(existsSync(d1Env.DATABASE_PATH)).toBe(false);
    const centre = await cymorth(
      ['token', 'create', '--role', 'eo', '--centre', '68123', '--d1-sql', file],
      d1Env,
    );
    expect(centre.stderr).toMatch(/--d1-sql makes staff tokens/);
  });

  it('revokes a token, after which the app refuses it', async () => {
    const made = await cymorth(
      ['token', 'create', '--role', 'helpline', '--email', 'llinell@cymorth.localhost'],
      env,
    );
    const token = lastLine(made.stdout);
    expect(await withApp(async (call) => (await call('/api/v1/me', token)).status)).toBe(200);
    const res = await cymorth(['token', 'revoke', '--token', token], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('revoked 1 token(s)');
    expect(await withApp(async (call) => (await call('/api/v1/me', token)).status)).toBe(401);
    const again = await cymorth(['token', 'revoke', '--token', token], env);
    expect(again.code).not.toBe(0);
  });
});

const HEADER =
  'number,name,address,telephone,language,head_name,head_email,eo_name,eo_email,eo_telephone,general_email,post_results_email,ukprn,urn';
const row = (
  n: string,
  name: string,
  eo: string,
  extra: Partial<Record<'tel' | 'lang' | 'ukprn', string>> = {},
) =>
  [
    n,
    `"${name}"`,
    '"1 Heol y Bont, Caerdydd CF10 1AA"',
    extra.tel ?? '029 2018 1001',
    extra.lang ?? 'cy',
    'Nia Pennaeth',
    `pennaeth@${n}.cymru`,
    'Siôn Swyddog',
    eo,
    '029 2018 1002',
    '',
    '',
    extra.ukprn ?? '10007777',
    '',
  ].join(',');

describe('cymorth import centres', { timeout: 120_000 }, () => {
  const i = scratch();
  const ienv = { DATABASE_PATH: i.db, DATA_DIR: i.dir };
  afterAll(() => i.remove());
  const file = (name: string, lines: string[]) => {
    const path = join(i.dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const centreRows = async () => {
    const { ctx, close } = await buildNodeContext(loadConfig({ ...ienv, LOG_LEVEL: 'silent' }));
    try {
      return await ctx.db.select().from(centres).orderBy(centres.number);
    } finally {
      await close();
    }
  };

  it('imports a good file with an EO account per centre', async () => {
    const good = file('good.csv', [
      HEADER,
      row('70001', 'Ysgol Gymraeg Caerdydd', 'eo@70001.cymru'),
      row('70002', 'Cardiff Sixth Form', 'exams@70002.org.uk', { lang: 'en' }),
    ]);
    const res = await cymorth(['import', 'centres', good], ienv);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('imported 2 rows: 2 new, 0 updated');
    expect((await centreRows()).map((c) => c.number)).toEqual(['70001', '70002']);
    const made = await cymorth(['token', 'create', '--role', 'eo', '--centre', '70002'], ienv);
    expect(made.code, made.stderr).toBe(0);
    const { ctx, close } = await buildNodeContext(loadConfig({ ...ienv, LOG_LEVEL: 'silent' }));
    const eos = await ctx.db.select().from(accounts).where(eq(accounts.accountType, 'eo'));
    await close();
    expect(eos.map((a) => [a.email, a.language, a.firstName, a.lastName]).sort()).toEqual([
      ['eo@70001.cymru', 'cy', 'Siôn', 'Swyddog'],
      ['exams@70002.org.uk', 'en', 'Siôn', 'Swyddog'],
    ]);
  });

  it('updates centres by number when a file is imported again', async () => {
    const again = file('again.csv', [
      HEADER,
      row('70001', 'Ysgol Gymraeg Caerdydd (Glan Taf)', 'eo@70001.cymru'),
      row('70002', 'Cardiff Sixth Form', 'exams@70002.org.uk', { lang: 'en' }),
      row('70003', 'Ysgol Newydd', 'eo@70003.cymru'),
    ]);
    const res = await cymorth(['import', 'centres', again], ienv);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('imported 3 rows: 1 new, 1 updated');
    const rows = await centreRows();
    expect(rows.map((c) => [c.number, c.name])).toEqual([
      ['70001', 'Ysgol Gymraeg Caerdydd (Glan Taf)'],
      ['70002', 'Cardiff Sixth Form'],
      ['70003', 'Ysgol Newydd'],
    ]);
  });

  it('reports bad rows by number and reason and imports nothing of the file', async () => {
    const before = await centreRows();
    const bad = file('bad.csv', [
      HEADER,
      row('70004', 'Ysgol Un', 'eo@70004.cymru'),
      row('70005', 'Ysgol Dau', 'eo@70005.cymru', { ukprn: '123' }),
      row('70001', 'Ysgol Gymraeg Caerdydd (newid)', 'eo@70001.cymru'),
      row('70006', 'Ysgol Tri', 'eo@70006.cymru', { tel: '12345', lang: 'fr' }),
    ]);
    const res = await cymorth(['import', 'centres', bad], ienv);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('Nothing was imported. Correct the rows listed in details and try again.');
    expect(res.stderr).toContain('row 3 ukprn: A UKPRN is 8 digits.');
    expect(res.stderr).toContain('row 5 telephone: Must be a UK telephone number');
    expect(res.stderr).toContain('row 5 language: Must be one of: en, cy.');
    expect(res.stderr).not.toMatch(/row [246]\b/);
    expect(await centreRows()).toEqual(before);
  });
});
