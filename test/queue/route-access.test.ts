import { runCommonRouteTests } from '../support/auth-cases.js';

// Staff-only routes: centre accounts of every kind, and moderators, are refused. Helpline staff read
// the queue but do not act on it (SPEC 1). An unknown reference is fine here: only 401/403 matter.
const REF = '/api/v1/requests/EO-2026-99999';
const centreCallers = ['eoCy', 'eoEn', 'user', 'centreAdmin', 'userEn', 'moderator'] as const;

for (const path of ['/api/v1/requests', REF, `${REF}/attachments/1`]) {
  runCommonRouteTests({
    method: 'GET',
    path,
    allowed: ['support', 'helpline', 'admin'],
    wrongRole: [...centreCallers],
  });
}

const actions: { method: string; path: string; body?: unknown }[] = [
  { method: 'POST', path: `${REF}/claim` },
  { method: 'POST', path: `${REF}/release` },
  { method: 'POST', path: `${REF}/checks`, body: { name: 'callback_registered_telephone', passed: true } },
  { method: 'PATCH', path: `${REF}/fields`, body: { new_eo_name: 'Joanne Price' } },
  { method: 'POST', path: `${REF}/request-info`, body: {} },
  { method: 'POST', path: `${REF}/approve` },
  { method: 'POST', path: `${REF}/reject`, body: { reason_code: 'signatory_not_senior' } },
];
for (const route of actions) {
  runCommonRouteTests({ ...route, allowed: ['support', 'admin'], wrongRole: ['helpline', ...centreCallers] });
}
