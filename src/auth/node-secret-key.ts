import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config.js';
import { makeDir } from '../files/make-dir.js';
import { decodeKey, KEY_BYTES } from './secret-box.js';

/**
 * The key that seals second-factor secrets on Node: SECRET_KEY when set, otherwise the one in
 * DATA_DIR/secret.key, made the first time a secret is sealed (readable by its owner alone) so the
 * demo and a plain install need no setting. It belongs with the database: a restored database without its key leaves
 * every authenticator to be set up again.
 */
export function nodeSecretKey(config: { SECRET_KEY?: string; DATA_DIR: string }): Uint8Array {
  if (config.SECRET_KEY) return decodeKey(config.SECRET_KEY) as Uint8Array;
  makeDir(config.DATA_DIR);
  const path = join(config.DATA_DIR, 'secret.key');
  try {
    // `wx`: two processes starting at once on new data (the server and a CLI command) make one key.
    writeFileSync(
      path,
      `${Buffer.from(crypto.getRandomValues(new Uint8Array(KEY_BYTES))).toString('base64')}\n`,
      {
        flag: 'wx',
        mode: 0o600,
      },
    );
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  const key = decodeKey(readFileSync(path, 'utf8'));
  if (!key) throw new ConfigError(`cymorth: ${path} does not hold a 32-byte base64 key`);
  return key;
}
