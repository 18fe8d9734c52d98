import type { FoundField } from './extract.js';
import type { FieldName } from './result.js';

/**
 * Does a newly read value replace the request's current one? A covering mail's sign-off never
 * replaces a signatory already read: the letter's signature (or a label, or staff) is the evidence,
 * and a later "Thanks, Sharon" from the office must not undo it.
 */
export const replaces = (name: FieldName, found: FoundField, current: string | null) =>
  found.value !== current && !(name === 'signatory' && found.source === 'sign_off' && current !== null);
