import { ensurePackages } from './ensure-packages.js';

/** Vitest global setup: the Debian packages the tests run for real. */
export default function ensureTestPackages(): void {
  ensurePackages('cymorth tests', [
    // The intake tests start a private Dovecot: the master binary and its IMAP server.
    { name: 'dovecot-imapd', what: 'Dovecot', files: ['/usr/sbin/dovecot', '/usr/lib/dovecot/imap'] },
    // The /docs page is opened in a real browser, offline.
    { name: 'chromium', what: 'Chromium', files: ['/usr/bin/chromium'] },
    // PDF reports are read back as a reader's tools see them: text, fonts, tags, a rendered page.
    { name: 'poppler-utils', what: 'poppler-utils', files: ['/usr/bin/pdftotext', '/usr/bin/pdftoppm'] },
    // The bench's load generator has a test of its own.
    { name: 'wrk', what: 'wrk', files: ['/usr/bin/wrk'] },
  ]);
}
