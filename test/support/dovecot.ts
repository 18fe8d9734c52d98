import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT_BIN = '/usr/sbin/dovecot';

export interface PrivateDovecot {
  port: number;
  user: string;
  password: string;
  dir: string;
  logPath: string;
  /** An IMAP_URL for the test account, e.g. `imap://intake:secret@127.0.0.1:40123/INBOX`. */
  url(mailbox?: string): string;
  /** Starts the server again on the same port, e.g. after `kill()`. */
  start(): Promise<void>;
  /** SIGKILL to the whole Dovecot process group: a server that drops without saying goodbye. */
  kill(): Promise<void>;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
  /** A logged-in client for the test account; the caller logs it out. */
  client(): Promise<ImapFlow>;
  /** Delivers messages into a mailbox with IMAP APPEND, pipelined over one connection. */
  deliver(messages: (string | Uint8Array)[], mailbox?: string): Promise<void>;
  /** How many messages a mailbox holds now (0 when it does not exist). */
  count(mailbox: string): Promise<number>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Resolves once the server greets on the port; the child exiting first means it failed to start. */
async function waitForGreeting(port: number, child: ChildProcess, logPath: string): Promise<void> {
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => {
      let log = '';
      try {
        log = readFileSync(logPath, 'utf8');
      } catch {}
      reject(new Error(`dovecot exited (${code}) before listening:\n${log}`));
    });
  });
  const deadline = Date.now() + 20_000;
  const greeted = (async () => {
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('data', (d) => {
          socket.destroy();
          resolve(d.toString().startsWith('* OK'));
        });
        socket.once('error', () => resolve(false));
      });
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  await Promise.race([greeted, exited]);
}

/** Without IDLE among the capabilities a client has to fall back to polling. */
const NO_IDLE =
  'imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ NAMESPACE UIDPLUS MOVE\n';

/**
 * OAuth2 beside the password: Dovecot's `oauth2` passdb asks the test's own introspection endpoint
 * (RFC 7662, by POST) whether a token is active and whose it is.
 */
function oauth2Passdb(dir: string, introspectionUrl: string | undefined) {
  if (!introspectionUrl) return { mechanisms: '', passdb: '' };
  writeFileSync(
    join(dir, 'dovecot-oauth2.conf.ext'),
    `introspection_mode = post\nintrospection_url = ${introspectionUrl}\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n`,
  );
  return {
    mechanisms: ' xoauth2 oauthbearer',
    passdb: `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${dir}/dovecot-oauth2.conf.ext\n}\n`,
  };
}

function config(
  dir: string,
  port: number,
  users: { internal: string; login: string },
  idle: boolean,
  introspectionUrl?: string,
) {
  const oauth2 = oauth2Passdb(dir, introspectionUrl);
  return `${idle ? '' : NO_IDLE}# A private Dovecot for one test file: nothing here reads /etc/dovecot.
instance_name = cymorth-test-${port}
base_dir = ${dir}/run
state_dir = ${dir}/state
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2.mechanisms}
default_internal_user = ${users.internal}
default_login_user = ${users.login}
log_path = ${dir}/dovecot.log
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
first_valid_gid = 1
mail_fsync = never
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
${oauth2.passdb}userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/**
 * Starts a Dovecot of its own on loopback: config, run and mail directories under one temp folder,
 * one account from a passwd-file with a plaintext password, no TLS. As root the server drops to the
 * `dovecot`/`dovenull` users and the mail belongs to `nobody`; otherwise everything runs as the caller.
 */
export async function startPrivateDovecot(
  opts: { idle?: boolean; introspectionUrl?: string } = {},
): Promise<PrivateDovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'cymorth-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'intake';
  const password = 'dim-cyfrinach';
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  const users = root
    ? { internal: 'dovecot', login: 'dovenull' }
    : { internal: me.username, login: me.username };
  mkdirSync(join(dir, 'mail'), { mode: 0o755 });
  if (root) chownSync(join(dir, 'mail'), mailUid, mailGid);
  writeFileSync(
    join(dir, 'passwd'),
    `${user}:{PLAIN}${password}:${mailUid}:${mailGid}::${dir}/mail/${user}::\n`,
  );
  writeFileSync(
    join(dir, 'dovecot.conf'),
    config(dir, port, users, opts.idle ?? true, opts.introspectionUrl),
  );
  const logPath = join(dir, 'dovecot.log');

  let child: ChildProcess | undefined;

  async function start() {
    const proc = spawn(DOVECOT_BIN, ['-F', '-c', join(dir, 'dovecot.conf')], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr?.resume();
    child = proc;
    await waitForGreeting(port, proc, logPath);
  }

  async function signalGroup(signal: NodeJS.Signals) {
    const proc = child;
    child = undefined;
    if (!proc?.pid || proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    try {
      process.kill(-proc.pid, signal);
    } catch {}
    await exited;
  }

  async function client() {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  }

  await start();
  return {
    port,
    user,
    password,
    dir,
    logPath,
    url: (mailbox = 'INBOX') => `imap://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    start,
    kill: () => signalGroup('SIGKILL'),
    async close() {
      await signalGroup('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    client,
    async deliver(messages, mailbox = 'INBOX') {
      const c = await client();
      try {
        await Promise.all(messages.map((m) => c.append(mailbox, typeof m === 'string' ? Buffer.from(m) : m)));
      } finally {
        await c.logout();
      }
    },
    async count(mailbox) {
      const c = await client();
      try {
        const list = await c.list();
        if (!list.some((l) => l.path === mailbox)) return 0;
        const status = await c.status(mailbox, { messages: true });
        return status ? (status.messages ?? 0) : 0;
      } finally {
        await c.logout();
      }
    },
  };
}
