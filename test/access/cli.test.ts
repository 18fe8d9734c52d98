import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dir: string;

async function cymorth(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, DATABASE_PATH: join(dir, 'db.sqlite'), DATA_DIR: dir, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cymorth-users-cli-'));
  await cymorth('seed');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cymorth users', () => {
  it('invites, lists, grants and deletes through the same rules as the API', async () => {
    const invited = await cymorth(
      'users',
      'invite',
      '--centre',
      '68123',
      '--email',
      'nia@ysgolgwyr.cymru',
      '--first-name',
      'Nia',
      '--last-name',
      'Huws',
      '--language',
      'cy',
      '--hub-role',
      'INV',
    );
    expect(invited.stdout).toMatch(/^invited nia@ysgolgwyr.cymru \(id (\d+)\)/);
    const id = invited.stdout.match(/id (\d+)/)?.[1] ?? '';

    const granted = await cymorth(
      'users',
      'grant',
      '--centre',
      '68123',
      '--id',
      id,
      '--grants',
      'iamis,results',
    );
    expect(granted.stdout).toBe('nia@ysgolgwyr.cymru: iamis, results\n');

    const listed = await cymorth('users', 'list', '--centre', '68123', '--q', 'huws');
    expect(listed.stdout).toBe(`${id}\tnia@ysgolgwyr.cymru\tNia Huws\tuser\tINV\tinvited\tiamis,results\n`);

    const refused = await cymorth('users', 'delete', '--centre', '68123', '--id', id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/DELETE \(or DILEU\)/);
    const deleted = await cymorth('users', 'delete', '--centre', '68123', '--id', id, '--confirm', 'DILEU');
    expect(deleted.stdout).toMatch(/^deleted nia@ysgolgwyr.cymru/);
    expect((await cymorth('users', 'list', '--centre', '68123', '--q', 'huws')).stdout).toBe('');
  }, 60_000);
});
