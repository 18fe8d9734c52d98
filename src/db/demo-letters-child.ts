import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoRequestLine } from '../demo-banner.js';

// Two folders down from the checkout, from src/db/ and from build/server/ alike.
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/cymorth.mjs');

/**
 * Puts the demo letters through intake in a child process (`cymorth demo-letters`), as an operator's
 * `cymorth ingest` would, on the same database. Reading mail loads mailparser, nodemailer's composer,
 * pdfkit, pdf.js and franc, about 40 MB that a server which has read no mail never holds: kept out of
 * the server's process, its memory stays what bench `centre_lookup` measures.
 */
export function seedDemoLettersInChild(env: NodeJS.ProcessEnv): Promise<DemoRequestLine[]> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [CLI, 'demo-letters'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.once('error', fail);
    child.once('close', (code) => {
      if (code !== 0) return fail(new Error(`cymorth demo-letters exited ${code}: ${err.trim()}`));
      ok(
        out
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as DemoRequestLine),
      );
    });
  });
}
