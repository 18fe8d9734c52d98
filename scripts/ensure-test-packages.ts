import { ensurePackages } from './ensure-packages.js';

/** Vitest global setup: the Debian packages the tests run for real. */
export default function ensureTestPackages(): void {
  ensurePackages('cymorth tests', [
    // The intake tests start a private Dovecot: the master binary and its IMAP server.
    { name: 'dovecot-imapd', what: 'Dovecot', files: ['/usr/sbin/dovecot', '/usr/lib/dovecot/imap'] },
    // The /docs page is opened in a real browser, offline.
    { name: 'chromium', what: 'Chromium', files: ['/usr/bin/chromium'] },
    // Scanned letters are read by OCR in English and Welsh; image-only PDFs are rendered by poppler first.
    { name: 'tesseract-ocr', what: 'Tesseract', files: ['/usr/bin/tesseract'] },
    {
      name: 'tesseract-ocr-eng',
      what: "Tesseract's English",
      files: ['/usr/share/tesseract-ocr/5/tessdata/eng.traineddata'],
    },
    {
      name: 'tesseract-ocr-cym',
      what: "Tesseract's Welsh",
      files: ['/usr/share/tesseract-ocr/5/tessdata/cym.traineddata'],
    },
    { name: 'poppler-utils', what: 'poppler-utils', files: ['/usr/bin/pdftotext', '/usr/bin/pdftoppm'] },
    // The test letters are typed in a font with ŵ and ŷ before they are scanned.
    {
      name: 'fonts-dejavu-core',
      what: 'DejaVu fonts',
      files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
    },
    // The bench's load generator has a test of its own.
    { name: 'wrk', what: 'wrk', files: ['/usr/bin/wrk'] },
  ]);
}
