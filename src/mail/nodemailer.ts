import { lazy } from '../lazy.js';

/** nodemailer (about 14 MB) is loaded when the first message goes out, not when the server starts. */
export const loadNodemailer = lazy(async () => (await import('nodemailer')).default);
