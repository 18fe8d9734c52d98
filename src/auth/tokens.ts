import * as nodeCrypto from 'node:crypto';

const TOKEN_PREFIX = 'cym_';

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 256 random bits; Web Crypto so the same code runs on Node and on Workers. */
export function newToken(): string {
  return TOKEN_PREFIX + toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
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
