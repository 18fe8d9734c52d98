import type { Authentication } from './result.js';

const RESULT = /\b(spf|dkim|dmarc)\s*=\s*([a-z]+)/gi;

/**
 * SPF/DKIM/DMARC as our border MTA saw them. Only the topmost Authentication-Results header counts,
 * and only when its authserv-id is ours: anyone upstream can write the others (RFC 8601 §5).
 */
export function authenticationOf(headerValues: string[], authservId: string): Authentication {
  const top = headerValues[0];
  if (!top) return 'none';
  const id = top
    .replace(/\([^)]*\)/g, '')
    .split(';')[0]
    ?.trim()
    .split(/\s+/)[0]
    ?.toLowerCase();
  if (id !== authservId.toLowerCase()) return 'none';
  const results: Record<string, string> = {};
  for (const m of top.replace(/\([^)]*\)/g, '').matchAll(RESULT)) {
    const method = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').toLowerCase();
    // Several DKIM signatures: one that passes is enough.
    if (results[method] !== 'pass') results[method] = value;
  }
  if (results.dmarc === 'pass') return 'pass';
  if (results.dmarc === 'fail') return 'fail';
  const failed = (v?: string) => v === 'fail' || v === 'softfail' || v === 'permerror';
  if (failed(results.spf) || failed(results.dkim)) return 'fail';
  if (results.spf === 'pass' || results.dkim === 'pass') return 'pass';
  return 'none';
}
