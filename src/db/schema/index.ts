export * from './accounts.js';
export * from './audit.js';
export * from './centres.js';
export * from './invites.js';
export * from './outbox.js';
export * from './requests.js';
export * from './tokens.js';
