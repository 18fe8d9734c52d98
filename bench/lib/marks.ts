import { execFileSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { ROOT, type ServerChild, spawnServer, tempDir } from './server.js';

/**
 * A demo server on a temp database, with the staff admin's and 68123's EO's tokens from its banner.
 * What `npm start` runs: the bundled server, as the other HTTP rows measure it.
 */
export async function marksServer() {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const dir = tempDir();
  const database = join(dir.path, 'bench.sqlite');
  const server = await spawnServer({
    entry: 'build/server/server.mjs',
    env: { DATABASE_PATH: database, DATA_DIR: dir.path, LOG_LEVEL: 'warn', DEMO_SEED: 'true' },
  });
  const token = (what: string) => server.stdout().match(new RegExp(`${what}.*\\s(cym_[\\w-]+)`))?.[1] ?? '';
  const admin = token('staff admin');
  const eo = token('EO of Ysgol');
  if (!admin || !eo) throw new Error(`no demo tokens in the server's output:\n${server.stdout()}`);
  return {
    server,
    database,
    admin,
    eo,
    async close() {
      agent.destroy();
      await server.stop();
      dir.remove();
    },
  };
}

/** One kept-alive connection, as a marksheet page's client would hold. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * One request over node:http rather than fetch: undici's fetch spent about a millisecond of the
 * bench process's own CPU on each 300-row save (web streams both ways), which is the client's cost,
 * not the server's, and the baseline pays no client at all.
 */
async function send(
  server: ServerChild,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
) {
  const data =
    body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const { status, text } = await new Promise<{ status: number; text: string }>((ok, fail) => {
    const req = request(
      `${server.url}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': type,
          ...(data ? { 'content-length': data.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(data);
  });
  const json = JSON.parse(text) as Record<string, unknown>;
  if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${text.slice(0, 400)}`);
  return json;
}

/** Imports a two-component unit with `n` candidates at 68123 through the admin API; answers its base path. */
export async function benchUnit(m: Awaited<ReturnType<typeof marksServer>>, code: string, n: number) {
  const series = 'BENCH SERIES 2027';
  await send(
    m.server,
    m.admin,
    'POST',
    '/api/v1/marks/import/units',
    `series,code,title,title_cy,components,teacher_initials,uploads,sample_deadline,submission_deadline,results_day\n${series},${code},Bench Unit,Uned Meincnod,Task 1:40;Task 2:40,yes,no,2027-05-01,2027-05-10,2027-08-20`,
    'text/csv',
  );
  const lines = ['series,code,centre_number,candidate_number,candidate_name,date_of_birth'];
  for (let i = 0; i < n; i++)
    lines.push(`${series},${code},68123,${String(3000 + i)},CANDIDATE${i}:BENCH,2010-01-01`);
  await send(m.server, m.admin, 'POST', '/api/v1/marks/import/entries', lines.join('\n'), 'text/csv');
  const units = (await send(m.server, m.eo, 'GET', '/api/v1/centres/68123/units')).data as {
    id: number;
    code: string;
  }[];
  const id = units.find((u) => u.code === code)?.id;
  return `/api/v1/centres/68123/units/${id}`;
}

/** Every row's candidate number and version, page by page. */
export async function versions(m: Awaited<ReturnType<typeof marksServer>>, base: string) {
  const out: { candidate_number: string; version: number }[] = [];
  for (let page = 1; ; page++) {
    const res = await send(m.server, m.eo, 'GET', `${base}/marksheet?per_page=100&page=${page}`);
    out.push(...(res.data as { candidate_number: string; version: number }[]));
    if (out.length >= (res.total as number)) return out;
  }
}

export const sendAs = send;

/**
 * The middle of a side's rounds. Each round ends in one fsync'd commit on both sides, and on a shared
 * machine a commit's time swings several-fold from round to round; the best of either side would
 * compare one side's luckiest fsync with the other's.
 */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
