import { Buffer } from 'node:buffer';
import * as nodeCrypto from 'node:crypto';

const TOKEN_PREFIX = 'cym_';

const TOKEN_BYTES = 32;
let pool = Buffer.alloc(0);
let taken = 0;

/**
 * 256 random bits, base64url. The bits come from a pool filled from the CSPRNG 8 KB at a time, each
 * byte handed out once (as Node's own randomUUID does): a bulk upload makes thousands of tokens, and
 * asking the CSPRNG for each cost more than the rest of making the account. node:crypto's Buffer
 * encodes base64url natively, on Workers too (nodejs_compat).
 */
export function newToken(): string {
  if (taken + TOKEN_BYTES > pool.length) {
    pool = nodeCrypto.randomBytes(256 * TOKEN_BYTES);
    taken = 0;
  }
  const bytes = pool.subarray(taken, taken + TOKEN_BYTES);
  taken += TOKEN_BYTES;
  return TOKEN_PREFIX + bytes.toString('base64url');
}

/**
 * SHA-256, hex. node:crypto (also on Workers, with nodejs_compat) rather than `crypto.subtle`:
 * every authenticated request hashes its token, and Node's Web Crypto digest costs several times
 * more (argument normalisation and a thread-pool hop for a 50-byte input). Node's one-shot `hash`
 * skips the Hash object (a third of a point lookup's hashing cost); workerd has only `createHash`.
 */
const sha256Hex: (text: string) => string =
  typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha256', text, 'hex')
    : (text) => nodeCrypto.createHash('sha256').update(text).digest('hex');

export async function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** Compares two strings without an early exit, so timing does not reveal how much matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  let diff = ea.length ^ eb.length;
  for (let i = 0; i < Math.max(ea.length, eb.length); i++) diff |= (ea[i] ?? 0) ^ (eb[i] ?? 0);
  return diff === 0;
}
