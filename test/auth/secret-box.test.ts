import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSecretKey } from '../../src/auth/node-secret-key.js';
import { isSealed, secretBox } from '../../src/auth/secret-box.js';

const dir = mkdtempSync(join(tmpdir(), 'cymorth-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the secret box', () => {
  const box = secretBox(new Uint8Array(32).fill(3));

  it('seals a secret so it reads back only under its own key and what it is bound to', async () => {
    const sealed = await box.seal('JBSWY3DPEHPK3PXP', 'totp:4');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    // A fresh IV each time: the same secret never seals to the same text.
    expect(await box.seal('JBSWY3DPEHPK3PXP', 'totp:4')).not.toBe(sealed);
    expect(await box.open(sealed, 'totp:4')).toBe('JBSWY3DPEHPK3PXP');
    await expect(box.open(sealed, 'totp:5')).rejects.toThrow();
    await expect(secretBox(new Uint8Array(32).fill(4)).open(sealed, 'totp:4')).rejects.toThrow();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    await expect(box.open(tampered, 'totp:4')).rejects.toThrow();
  });

  it('reads a value stored before sealing began as it is', async () => {
    expect(await box.open('JBSWY3DPEHPK3PXP', 'totp:4')).toBe('JBSWY3DPEHPK3PXP');
  });
});

describe('the key on Node', () => {
  it('is made once in DATA_DIR, readable by its owner alone, and kept', () => {
    const config = { DATA_DIR: join(dir, 'data') };
    const first = nodeSecretKey(config);
    const file = join(config.DATA_DIR, 'secret.key');
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(Buffer.from(first));
    expect(nodeSecretKey(config)).toEqual(first);
  });

  it('is SECRET_KEY when that is set, and no file is made', () => {
    const key = Buffer.alloc(32, 5);
    const config = { DATA_DIR: join(dir, 'other'), SECRET_KEY: key.toString('base64') };
    expect(Buffer.from(nodeSecretKey(config))).toEqual(key);
    expect(() => statSync(join(config.DATA_DIR, 'secret.key'))).toThrow();
  });
});
