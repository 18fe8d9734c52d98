import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { OcrEngine, OcrOutcome } from './engine.js';

export interface TesseractOptions {
  tesseractPath: string;
  pdftoppmPath: string;
  languages: string;
  timeoutMs: number;
  maxBytes: number;
  maxPages: number;
}

// Rendering resolution for PDF pages: what tesseract reads best at for letter-sized type.
const RENDER_DPI = 300;
const MAX_OUTPUT = 4 * 1024 * 1024;

class Timeout extends Error {}

/** Runs a program to completion within the deadline; its stdout, or an error naming why not. */
function runTool(file: string, args: string[], input: Uint8Array | null, deadline: number) {
  const left = deadline - Date.now();
  if (left <= 0) return Promise.reject(new Timeout());
  return new Promise<string>((resolve, reject) => {
    const child = execFile(
      file,
      args,
      // One thread each: OCR shares two cores with the API, and one at a time is queued (below).
      { timeout: left, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT, env: { OMP_THREAD_LIMIT: '1' } },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if ((err as { killed?: boolean }).killed) return reject(new Timeout());
        reject(
          new Error(
            `${file}: ${String(stderr || err.message)
              .trim()
              .split('\n')
              .at(-1)}`,
          ),
        );
      },
    );
    if (input) child.stdin?.end(input);
  });
}

/**
 * OCR with Debian's tesseract, and poppler's pdftoppm for image-only PDFs, each as a child process
 * so the event loop never waits on it. Scans are read one at a time, under a size limit and a
 * deadline that covers rendering and reading together; every failure comes back as an outcome.
 */
export function createTesseractOcr(options: TesseractOptions): OcrEngine {
  let queue: Promise<unknown> = Promise.resolve();
  const ocr = (image: Uint8Array | string, deadline: number) =>
    runTool(
      options.tesseractPath,
      [typeof image === 'string' ? image : 'stdin', 'stdout', '-l', options.languages, '--psm', '3'],
      typeof image === 'string' ? null : image,
      deadline,
    );

  async function readPdf(bytes: Uint8Array, deadline: number): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'cymorth-ocr-'));
    try {
      const pdf = join(dir, 'scan.pdf');
      await writeFile(pdf, bytes);
      const args = [
        '-r',
        String(RENDER_DPI),
        '-gray',
        '-png',
        '-l',
        String(options.maxPages),
        pdf,
        join(dir, 'page'),
      ];
      await runTool(options.pdftoppmPath, args, null, deadline);
      const pages = (await readdir(dir)).filter((f) => f.startsWith('page')).sort();
      const texts: string[] = [];
      for (const page of pages) texts.push(await ocr(join(dir, page), deadline));
      return texts.join('\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async function readNow(bytes: Uint8Array, kind: 'image' | 'pdf'): Promise<OcrOutcome> {
    if (bytes.byteLength > options.maxBytes) return { ok: false, why: 'too_large' };
    const deadline = Date.now() + options.timeoutMs;
    try {
      const text = kind === 'pdf' ? await readPdf(bytes, deadline) : await ocr(bytes, deadline);
      return { ok: true, text };
    } catch (err) {
      if (err instanceof Timeout) return { ok: false, why: 'timeout' };
      return { ok: false, why: 'failed', detail: err instanceof Error ? err.message : String(err) };
    }
  }

  return {
    read(bytes, kind) {
      const next = queue.then(() => readNow(bytes, kind));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** The engine as the OCR_* settings describe it. */
export const tesseractFromConfig = (config: Config) =>
  createTesseractOcr({
    tesseractPath: config.OCR_TESSERACT_PATH,
    pdftoppmPath: config.OCR_PDFTOPPM_PATH,
    languages: config.OCR_LANGUAGES,
    timeoutMs: config.OCR_TIMEOUT_MS,
    maxBytes: config.OCR_MAX_BYTES,
    maxPages: config.OCR_MAX_PAGES,
  });
