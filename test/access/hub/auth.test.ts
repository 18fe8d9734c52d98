import { runCommonRouteTests } from '../../support/auth-cases.js';

/** Account 1 is the EO of 68123 (the first demo centre imported); its Hub role is unset, so it sees every assessment. */
const EO = '/api/v1/centres/68123/users/1';

runCommonRouteTests({
  method: 'GET',
  path: `${EO}/assessments`,
  allowed: ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['moderator', 'user'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'GET',
  path: `${EO}/hidden-assessments`,
  allowed: ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['moderator', 'user'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'PUT',
  path: `${EO}/hidden-assessments`,
  body: { hidden: [] },
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['helpline', 'moderator', 'user'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'POST',
  path: `${EO}/assessments/INV-INTRO/attempts`,
  body: { mark: 5, out_of: 10 },
  allowed: ['support', 'admin', 'eoCy'],
  wrongRole: ['helpline', 'moderator', 'user', 'centreAdmin'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/centres/68123/users/summary.csv',
  allowed: ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['moderator', 'user'],
  otherCentre: ['eoEn', 'userEn'],
});
