import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { combine, type LoadResult, runLoad } from '../lib/load.js';
import { type BenchRow, benchRow, type RowModule } from '../lib/row.js';
import { peakRssMb } from '../lib/rss.js';
import { ROOT, type ServerChild, spawnServer, tempDir } from '../lib/server.js';

const CONNECTIONS = 20;
const WARMUP_SEC = 3;
const ROUND_SEC = 5;
const ROUNDS = 3;
const SECRET = 'bench-signing-secret-0123456789';

const what = `signed Slack slash commands "/cymorth queue" POSTed to /slack/events, ${CONNECTIONS} connections, ${ROUNDS}×${ROUND_SEC} s each side alternating, median round (wrk, loopback): ours verifies, finds the linked staff member and answers the queue as Block Kit in the ack; bare = Bolt's own HTTPReceiver acknowledging the same signed command with an empty ack`;

/** The slash command, signed now: Slack's signature stays valid for the five minutes the row takes. */
function signedCommand(dir: string) {
  const body = new URLSearchParams({
    command: '/cymorth',
    text: 'queue',
    user_id: 'UBENCH',
    team_id: 'T1',
    channel_id: 'C1',
    response_url: 'http://127.0.0.1:9/response',
    trigger_id: 'bench',
  }).toString();
  const at = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${at}:${body}`).digest('hex')}`;
  const bodyFile = join(dir, 'command.txt');
  writeFileSync(bodyFile, body);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(at),
    'x-slack-signature': signature,
  };
  return { bodyFile, headers };
}

async function run(): Promise<BenchRow> {
  const dir = tempDir();
  const database = join(dir.path, 'bench.sqlite');
  const servers: ServerChild[] = [];
  try {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['bin/cymorth.mjs', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: database, DATA_DIR: dir.path, LOG_LEVEL: 'silent' },
      });
    cli('seed', '--demo');
    cli('chat', 'link', '--slack', 'UBENCH', '--email', 'cefnogi@cymorth.localhost');
    const chatEnv = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench-token' };
    const ours = await spawnServer({
      entry: 'build/server/server.mjs',
      env: { DATABASE_PATH: database, DATA_DIR: dir.path, LOG_LEVEL: 'warn', DEMO_SEED: 'false', ...chatEnv },
    });
    servers.push(ours);
    const bare = await spawnServer({ entry: 'bench/servers/bare-bolt.ts', env: chatEnv });
    servers.push(bare);
    const { bodyFile, headers } = signedCommand(dir.path);
    const check = await fetch(`${ours.url}/slack/events`, {
      method: 'POST',
      headers,
      body: (await import('node:fs')).readFileSync(bodyFile, 'utf8'),
    });
    const answer = await check.text();
    if (check.status !== 200 || !answer.includes('blocks'))
      throw new Error(`our server answered ${check.status}: ${answer}`);

    const load = (url: string, durationSec: number) =>
      runLoad({ url, headers, connections: CONNECTIONS, durationSec, post: { bodyFile } });
    await load(`${ours.url}/slack/events`, WARMUP_SEC);
    await load(`${bare.url}/slack/events`, WARMUP_SEC);
    const oursRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      oursRuns.push(await load(`${ours.url}/slack/events`, ROUND_SEC));
      bareRuns.push(await load(`${bare.url}/slack/events`, ROUND_SEC));
    }
    const o = combine(oursRuns);
    const b = combine(bareRuns);
    if (o.errors || o.non2xx) throw new Error(`our server failed requests: ${JSON.stringify(o)}`);
    if (b.errors || b.non2xx) throw new Error(`the bare Bolt app failed requests: ${JSON.stringify(b)}`);
    return benchRow({
      id: 'chat_ack',
      what,
      ours: o.reqPerSec,
      bare: b.reqPerSec,
      unit: 'req/s',
      p99_ms: o.p99_ms,
      rss_mb: peakRssMb(ours.pid),
      target: { ratio_min: 0.7, p99_ms_max: 50 },
      detail: {
        ours_runs: oursRuns.map((r) => Math.round(r.reqPerSec)),
        bare_runs: bareRuns.map((r) => Math.round(r.reqPerSec)),
        ours_p50_ms: o.p50_ms,
        bare_p99_ms: b.p99_ms,
        bare_rss_mb: peakRssMb(bare.pid),
      },
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    dir.remove();
  }
}

const row: RowModule = { id: 'chat_ack', what, run };
export default row;
