import { runCommonRouteTests } from '../support/auth-cases.js';
import { USERS } from './support.js';

/** The demo teacher athro@ysgolgwyr.cymru: the ninth account the demo seed makes. */
const TEACHER = `${USERS}/9`;

runCommonRouteTests({
  method: 'GET',
  path: USERS,
  allowed: ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['user', 'moderator'],
  otherCentre: ['eoEn', 'userEn'],
});

for (const path of [`${USERS}/template.csv`, `${USERS}/template.xlsx`]) {
  runCommonRouteTests({
    method: 'GET',
    path,
    allowed: ['support', 'admin', 'eoCy', 'centreAdmin'],
    wrongRole: ['user', 'moderator', 'helpline'],
    otherCentre: ['eoEn', 'userEn'],
  });
}

runCommonRouteTests({
  method: 'POST',
  path: `${USERS}/bulk`,
  body: { not: 'a file' },
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['user', 'moderator', 'helpline'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'POST',
  path: USERS,
  body: {
    first_name: 'Nia',
    last_name: 'Huws',
    email: 'nia@ysgolgwyr.cymru',
    language: 'cy',
    account_type: 'user',
  },
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['user', 'moderator', 'helpline'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'GET',
  path: TEACHER,
  allowed: ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin', 'user'],
  wrongRole: ['moderator'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'POST',
  path: `${TEACHER}/invite`,
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['user', 'moderator', 'helpline'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'PUT',
  path: `${TEACHER}/access`,
  body: { grants: [] },
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin', 'user'],
  wrongRole: ['moderator', 'helpline'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'PATCH',
  path: TEACHER,
  body: { role_in_centre: 'Athro Cemeg' },
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin', 'user'],
  wrongRole: ['moderator', 'helpline'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'DELETE',
  path: TEACHER,
  body: {},
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['user', 'moderator', 'helpline'],
  otherCentre: ['eoEn', 'userEn'],
});
