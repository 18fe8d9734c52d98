import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { cymorth, ROOT, run, scratch } from '../support/child.js';

describe('loadConfig', { timeout: 120_000 }, () => {
  it('has working defaults and treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: undefined });
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: 'data/cymorth.sqlite',
      DATA_DIR: 'data',
      LOG_LEVEL: 'info',
      DEMO_SEED: true,
      BODY_LIMIT_BYTES: 1_048_576,
    });
  });

  it('names the missing OAuth2 setting when IMAP or SMTP is set to oauth2', () => {
    const base = {
      OAUTH2_TOKEN_URL: 'https://login.example.org/token',
      OAUTH2_CLIENT_ID: 'id',
      OAUTH2_CLIENT_SECRET: 's',
    };
    expect(loadConfig({ IMAP_AUTH: 'oauth2', ...base }).IMAP_AUTH).toBe('oauth2');
    expect(() => loadConfig({ SMTP_AUTH: 'oauth2', ...base, OAUTH2_CLIENT_SECRET: '' })).toThrow(
      /^cymorth: OAUTH2_CLIENT_SECRET is required when IMAP_AUTH or SMTP_AUTH is oauth2$/,
    );
    expect(() => loadConfig({ IMAP_AUTH: 'token' })).toThrow(/^cymorth: invalid IMAP_AUTH="token"/);
  });

  it('names the bad variable and its value in one line', () => {
    for (const [name, value] of [
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['LOG_LEVEL', 'loud'],
      ['BODY_LIMIT_BYTES', '-5'],
      ['DEMO_SEED', 'maybe'],
      ['SMTP_URL', 'http://mail.example.org'],
      ['PUBLIC_URL', 'not a url'],
    ] as const) {
      const load = () => loadConfig({ [name]: value });
      expect(load, name).toThrow(ConfigError);
      expect(load, name).toThrow(new RegExp(`^cymorth: invalid ${name}=${JSON.stringify(value)}: [^\\n]+$`));
    }
  });

  it('names a bad secret without printing it', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(() => loadConfig({ SECRET_KEY: short })).toThrow(
      /^cymorth: invalid SECRET_KEY="\*\*\*": must be 32 bytes in base64 \(openssl rand -base64 32\)$/,
    );
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'abc' })).toThrow(
      /^cymorth: invalid SLACK_SIGNING_SECRET="\*\*\*"/,
    );
    const key = Buffer.alloc(32, 9);
    for (const text of [key.toString('base64'), key.toString('base64url')])
      expect(loadConfig({ SECRET_KEY: text }).SECRET_KEY).toBe(text);
  });
});

describe('starting with a bad variable', { timeout: 120_000 }, () => {
  for (const [name, value] of [
    ['PORT', 'abc'],
    ['LOG_LEVEL', 'loud'],
  ] as const) {
    it(`${name}=${value} stops \`tsx src/server.ts\` with one line naming it`, async () => {
      const s = scratch();
      const res = await run(join(ROOT, 'node_modules/.bin/tsx'), ['src/server.ts'], {
        [name]: value,
        DATABASE_PATH: s.db,
      });
      s.remove();
      expect(res.code).not.toBe(0);
      expect(res.stdout).toBe('');
      const lines = res.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^cymorth: invalid ${name}="${value}": `));
    });
  }

  it('stops any `cymorth` command the same way, in one line that says cymorth once', async () => {
    const s = scratch();
    const res = await cymorth(['migrate'], { PORT: 'abc', DATABASE_PATH: s.db });
    s.remove();
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^cymorth: invalid PORT="abc": [^\n]+\n$/);
  });
});
