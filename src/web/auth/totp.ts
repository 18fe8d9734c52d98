import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

const PERIOD_S = 30;
const ISSUER = 'cymorth';

/** 160 random bits (RFC 4226's recommended length), base32 as authenticator apps take it by hand. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = '') {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), period: PERIOD_S, digits: 6 });
}

/** The `otpauth://` address an app scans, and its QR code as SVG markup drawn here (no image request). */
export function enrolmentQr(secret: string, email: string) {
  const uri = totp(secret, email).toString();
  return { uri, svg: renderSVG(uri, { ecc: 'M', border: 2 }) };
}

/** The secret in groups of four, easier to type into an app than one long run. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The 30-second step a code belongs to, if it is right now or one step either side (clocks drift);
 * `undefined` for a wrong code or one whose step was already used (a code works once).
 */
export function acceptedStep(secret: string, code: string, now: Date, lastStep: number | null) {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/** The code an app shows for `secret` at `at`: what tests type, as a person would. */
export function codeAt(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}
