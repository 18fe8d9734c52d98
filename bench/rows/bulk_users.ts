import { join } from 'node:path';
import Database from 'libsql';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';
import { type ServerChild, spawnServer, tempDir } from '../lib/server.js';

const ROWS = 5000;
const ROUNDS = 5;
const PATH = '/api/v1/centres/68123/users/bulk?mode=all-or-nothing';

const what = `POST ${ROWS}-row CSV to /centres/:number/users/bulk over HTTP (validated, ${ROWS} invited accounts + invites + mails, one atomic write), best of ${ROUNDS}; bare = the same rows (${ROWS} accounts, their invites and their mails) inserted through libsql, the same driver, with prepared statements in one write transaction`;

const HUB = ['EO', 'SLT', 'INV'];

function people(round: string) {
  return Array.from({ length: ROWS }, (_, i) => ({
    first: `Person${i}`,
    last: `Round${round}`,
    email: `p${i}.${round}@bench.ysgolgwyr.cymru`,
    hub: HUB[i % 3] ?? 'INV',
    type: i % 50 === 0 ? 'admin' : 'user',
    lang: i % 2 ? 'cy' : 'en',
  }));
}

function csvOf(round: string): string {
  const lines = ['first_name,last_name,email,hub_role,account_type,language'];
  for (const p of people(round)) lines.push(`${p.first},${p.last},${p.email},${p.hub},${p.type},${p.lang}`);
  return `${lines.join('\n')}\n`;
}

async function oursOnce(server: ServerChild, token: string, round: string): Promise<number> {
  const body = csvOf(round);
  const started = performance.now();
  const res = await fetch(`${server.url}${PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });
  const answer = (await res.json()) as { created?: number };
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 201 || answer.created !== ROWS)
    throw new Error(`bulk upload answered ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  return ROWS / seconds;
}

/**
 * The same rows our upload writes, through the same driver in one transaction: each account, its
 * invite and its invitation mail (three inserts a person), each statement prepared once. What is
 * left out is what cymorth adds: HTTP, CSV parsing, validation, tokens and the mail's content.
 */
async function bareOnce(
  database: string,
  round: string,
): Promise<{ sameRows: number; accountsOnly: number }> {
  const sqlite = new Database(database);
  try {
    sqlite.exec('PRAGMA busy_timeout = 5000');
    const centre = sqlite.prepare("select id from centres where number = '68123'").get() as { id: number };
    const account = sqlite.prepare(
      `insert into accounts (kind, centre_id, account_type, email, email_key, status, first_name, last_name, language, hub_role, created_at, updated_at)
       values ('centre', ?, ?, ?, ?, 'invited', ?, ?, ?, ?, ?, ?)`,
    );
    const invite = sqlite.prepare(
      `insert into invites (account_id, purpose, token_hash, created_at, expires_at) values (?, 'invite', ?, ?, ?)`,
    );
    const mail = sqlite.prepare(
      `insert into outbox (message_id, to_address, language, template, params, headers, status, next_attempt_at, created_at)
       values (?, ?, ?, 'invite', ?, '{}', 'pending', ?, ?)`,
    );
    const now = Date.now();
    const everyone = people(round);
    const timed = (write: (p: (typeof everyone)[number], i: number) => void) => {
      const started = performance.now();
      sqlite.exec('BEGIN IMMEDIATE');
      everyone.forEach(write);
      sqlite.exec('COMMIT');
      return ROWS / ((performance.now() - started) / 1000);
    };
    const sameRows = timed((p, i) => {
      const { lastInsertRowid } = account.run([
        centre.id,
        p.type,
        p.email,
        p.email.toLowerCase(),
        p.first,
        p.last,
        p.lang,
        p.hub,
        now,
        now,
      ]);
      invite.run([lastInsertRowid, `bare-${round}-${i}`, now, now + 7 * 86_400_000]);
      mail.run([
        `<bare-${round}-${i}@bench>`,
        p.email,
        p.lang,
        JSON.stringify({ first_name: p.first }),
        now,
        now,
      ]);
    });
    const accountsOnly = timed((p) => {
      const email = `again.${p.email}`;
      account.run([centre.id, p.type, email, email, p.first, p.last, p.lang, p.hub, now, now]);
    });
    return { sameRows, accountsOnly };
  } finally {
    sqlite.close();
  }
}

async function run(): Promise<BenchRow> {
  const dir = tempDir();
  const database = join(dir.path, 'bench.sqlite');
  let server: ServerChild | undefined;
  try {
    server = await spawnServer({
      entry: 'src/server.ts',
      env: {
        DATABASE_PATH: database,
        DATA_DIR: dir.path,
        LOG_LEVEL: 'warn',
        DEMO_SEED: 'true',
        BODY_LIMIT_BYTES: '4194304',
      },
    });
    const token = server.stdout().match(/Authorization: Bearer (cym_[\w-]+)/)?.[1];
    if (!token) throw new Error(`no demo token in the server's output:\n${server.stdout()}`);
    const ours: number[] = [];
    const bare: number[] = [];
    const accountsOnly: number[] = [];
    // Alternating rounds, each with its own addresses, so both sides write into the same growing table.
    for (let i = 0; i < ROUNDS; i++) {
      ours.push(await oursOnce(server, token, `o${i}`));
      const b = await bareOnce(database, `b${i}`);
      bare.push(b.sameRows);
      accountsOnly.push(b.accountsOnly);
    }
    return benchRow({
      id: 'bulk_users',
      what,
      ours: Math.max(...ours),
      bare: Math.max(...bare),
      unit: 'rows/s',
      p99_ms: null,
      rss_mb: peakRssMb(server.pid),
      target: { ratio_min: 0.3 },
      detail: {
        ours_runs: ours.map(Math.round),
        bare_runs: bare.map(Math.round),
        bare_accounts_only_runs: accountsOnly.map(Math.round),
        rows: ROWS,
      },
    });
  } finally {
    await server?.stop();
    dir.remove();
  }
}

const row: RowModule = { id: 'bulk_users', what, run };
export default row;
