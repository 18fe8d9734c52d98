import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A Teams outgoing webhook signs each request: `Authorization: HMAC <base64>`, the HMAC-SHA256 of the
 * UTF-8 body keyed with the base64-decoded security token. Compared in constant time.
 */
export function verifyTeamsSignature(
  secretBase64: string,
  rawBody: Uint8Array,
  authorization: string | undefined,
): boolean {
  const given = authorization?.match(/^HMAC\s+([A-Za-z0-9+/=]+)\s*$/)?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(rawBody).digest();
  const got = Buffer.from(given, 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
