import { runCommonRouteTests } from '../support/auth-cases.js';

const NEW_CENTRE = {
  number: '69999',
  name: 'Ysgol Newydd',
  address: 'Stryd Fawr, Caerfyrddin SA31 1AA',
  telephone: '029 2018 0901',
  language: 'cy',
  head_name: 'Llinos Parry',
  head_email: 'pennaeth@newydd-demo.cymru',
  eo_name: 'Owain Bowen',
  eo_email: 'arholiadau@newydd-demo.cymru',
  eo_telephone: '029 2018 0902',
};

runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/centres?q=gwyr',
  allowed: ['support', 'helpline', 'admin'],
  wrongRole: ['eoCy', 'eoEn', 'user', 'centreAdmin', 'moderator'],
});

runCommonRouteTests({
  method: 'POST',
  path: '/api/v1/centres',
  body: NEW_CENTRE,
  allowed: ['admin'],
  wrongRole: ['support', 'helpline', 'moderator', 'eoCy', 'centreAdmin', 'user'],
});

runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/centres/68123',
  allowed: ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin', 'user'],
  wrongRole: ['moderator'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'PATCH',
  path: '/api/v1/centres/68123',
  body: { telephone: '029 2018 0199' },
  allowed: ['support', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['helpline', 'moderator', 'user'],
  otherCentre: ['eoEn'],
});

runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/centres/68123/audit',
  allowed: ['support', 'helpline', 'admin', 'eoCy', 'centreAdmin'],
  wrongRole: ['user', 'moderator'],
  otherCentre: ['eoEn', 'userEn'],
});

runCommonRouteTests({
  method: 'GET',
  path: '/api/v1/me',
  allowed: ['support', 'helpline', 'admin', 'moderator', 'eoCy', 'eoEn', 'centreAdmin', 'user'],
  wrongRole: [],
});

runCommonRouteTests({
  method: 'PATCH',
  path: '/api/v1/me',
  body: { title: 'Dr' },
  allowed: ['support', 'helpline', 'admin', 'moderator', 'eoCy', 'eoEn', 'centreAdmin', 'user'],
  wrongRole: [],
});
