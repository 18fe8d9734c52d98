import type { CentreRow } from '../db/schema/index.js';
import type { EDITABLE_CENTRE_FIELDS } from './schema.js';

type EditableField = (typeof EDITABLE_CENTRE_FIELDS)[number];

/** SPEC 2.1: general communications and post-results mail fall back to the EO's address. */
function effectiveAddresses(c: Pick<CentreRow, 'generalEmail' | 'postResultsEmail' | 'eoEmail'>) {
  return { general: c.generalEmail ?? c.eoEmail, postResults: c.postResultsEmail ?? c.eoEmail };
}

export function presentCentre(c: CentreRow, editable: readonly EditableField[]) {
  const effective = effectiveAddresses(c);
  return {
    number: c.number,
    name: c.name,
    address: c.address,
    telephone: c.telephone,
    language: c.language,
    ukprn: c.ukprn,
    urn: c.urn,
    general_email: c.generalEmail,
    general_email_effective: effective.general,
    post_results_email: c.postResultsEmail,
    post_results_email_effective: effective.postResults,
    head_name: c.headName,
    head_email: c.headEmail,
    eo_name: c.eoName,
    eo_email: c.eoEmail,
    eo_telephone: c.eoTelephone,
    updated_at: c.updatedAt.toISOString(),
    editable_fields: [...editable],
    // After a change of EO the new person's telephone may not be known yet (src/queue/handover.ts).
    to_complete: c.eoTelephone ? [] : ['eo_telephone' as const],
  };
}

export function presentSummary(c: CentreRow) {
  return { number: c.number, name: c.name, language: c.language, telephone: c.telephone };
}
