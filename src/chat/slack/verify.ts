import { createHmac, timingSafeEqual } from 'node:crypto';

const FIVE_MINUTES = 5 * 60;

/**
 * Slack's request signing (v0): HMAC-SHA256 of `v0:{timestamp}:{raw body}` under the signing secret,
 * compared in constant time; a timestamp more than five minutes from now is refused, so a captured
 * request cannot be replayed later.
 */
export function verifySlackSignature(input: {
  secret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowSeconds: number;
}): boolean {
  const { signature, timestamp } = input;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(input.nowSeconds - Number(timestamp)) > FIVE_MINUTES) return false;
  const expected = `v0=${createHmac('sha256', input.secret).update(`v0:${timestamp}:${input.rawBody}`).digest('hex')}`;
  const given = Buffer.from(signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
