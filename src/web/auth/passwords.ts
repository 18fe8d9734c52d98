import { Buffer } from 'node:buffer';
import { argon2idAsync } from '@noble/hashes/argon2';

/** argon2id as a PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), the format every argon2 library reads. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
}

/** OWASP's first argon2id choice: 19 MiB, two passes, one lane. */
export const ARGON2_PARAMS = { m: 19_456, t: 2, p: 1 } as const;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

function parsePhc(phc: string) {
  const m = phc.match(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/);
  if (!m) return undefined;
  return {
    params: { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) },
    salt: Buffer.from(m[4] as string, 'base64'),
    hash: Buffer.from(m[5] as string, 'base64'),
  };
}

/**
 * Pure JavaScript (noble, audited): the one that runs on Workers, where neither native addons nor
 * WebAssembly compiled at run time are allowed. It is about six times slower than the native one.
 */
export const pureJsHasher: PasswordHasher = {
  async hash(password) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const out = await argon2idAsync(password, salt, { ...ARGON2_PARAMS, dkLen: 32 });
    const { m, t, p } = ARGON2_PARAMS;
    return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(out)}`;
  },
  async verify(phc, password) {
    const parsed = parsePhc(phc);
    if (!parsed) return false;
    const out = await argon2idAsync(password, parsed.salt, { ...parsed.params, dkLen: parsed.hash.length });
    return timingSafeEqual(out, parsed.hash);
  },
};

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
