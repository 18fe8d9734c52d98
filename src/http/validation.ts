import type { z } from 'zod';
import type { ErrorDetail } from '../errors.js';

type Issue = z.core.$ZodIssue;

const FORMAT_KEYS: Record<string, string> = { email: 'email' };

/** zod's type names that have words of their own in both languages (`validation:types.*`). */
const NAMED_TYPES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'array',
  'object',
  'date',
  'null',
  'undefined',
]);

/**
 * Zod 4 drops `input` from issues unless asked to report it, so a missing value is recognised by
 * the message zod writes for it ("…, received undefined").
 */
function isMissing(issue: z.core.$ZodIssueInvalidType): boolean {
  return 'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
}

function field(path: PropertyKey[]): string | undefined {
  return path.length ? path.map(String).join('.') : undefined;
}

/**
 * Turns zod's issues into our details: one per field, with a translation key and its parameters.
 * Custom checks name their key in `params.i18n` (e.g. `telephone`), so messages stay translatable.
 */
export function issuesToDetails(issues: readonly Issue[]): ErrorDetail[] {
  return issues.flatMap((issue): ErrorDetail[] => {
    const at = field(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((k) => ({ field: at ? `${at}.${k}` : k, code: 'unrecognized_key' }));
      case 'invalid_type':
        return [
          isMissing(issue)
            ? { field: at, code: 'required' }
            : {
                field: at,
                code: 'invalid_type',
                // A type name in words of the answer's language, not zod's English identifier.
                params: { expected: NAMED_TYPES.has(issue.expected) ? issue.expected : 'other' },
              },
        ];
      case 'too_small':
        return [
          {
            field: at,
            code: issue.origin === 'string' ? 'too_short' : 'too_small',
            // `count` picks the plural form: "at least 1 character", "at least 2 characters".
            params: { minimum: Number(issue.minimum), count: Number(issue.minimum) },
          },
        ];
      case 'too_big':
        return [
          {
            field: at,
            code: issue.origin === 'string' ? 'too_long' : 'too_big',
            params: { maximum: Number(issue.maximum), count: Number(issue.maximum) },
          },
        ];
      case 'invalid_format':
        return [{ field: at, code: FORMAT_KEYS[issue.format] ?? 'invalid' }];
      case 'invalid_value':
        return [{ field: at, code: 'one_of', params: { options: issue.values.map(String).join(', ') } }];
      case 'custom': {
        const key = (issue.params as { i18n?: string } | undefined)?.i18n;
        return [{ field: at, code: key ?? 'invalid' }];
      }
      default:
        return [{ field: at, code: 'invalid' }];
    }
  });
}
