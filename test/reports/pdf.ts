import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PDF read back with poppler-utils, as a reader's tools would see it. */
export async function readPdf(bytes: Uint8Array) {
  const dir = await mkdtemp(join(tmpdir(), 'cymorth-pdf-'));
  const file = join(dir, 'report.pdf');
  await writeFile(file, bytes);
  const tool = async (cmd: string, args: string[]) =>
    (await run(cmd, [...args], { maxBuffer: 64 << 20 })).stdout;
  try {
    const info = await tool('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const pageTexts: string[] = [];
    for (let p = 1; p <= pages; p++) {
      pageTexts.push(await tool('pdftotext', ['-f', String(p), '-l', String(p), file, '-']));
    }
    return {
      info: Object.fromEntries(
        info
          .split('\n')
          .filter((l) => l.includes(':'))
          .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
      ) as Record<string, string>,
      pages,
      pageTexts,
      text: pageTexts.join('\n'),
      fonts: parseFonts(await tool('pdffonts', [file])),
      /** The share of page 1's pixels that are not white, rendered at 30 dpi in grey. */
      inkOnFirstPage: async () => {
        await run('pdftoppm', ['-f', '1', '-l', '1', '-r', '30', '-gray', file, join(dir, 'page')]);
        const pgm = await readFile(join(dir, 'page-1.pgm'));
        return inkShare(pgm);
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function parseFonts(out: string) {
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type... encoding emb sub uni objectId gen: the three flags sit before the two numbers.
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0] ?? '', embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
}

/** Binary PGM (P5): header "P5 w h max", then one byte a pixel. */
function inkShare(pgm: Buffer): number {
  const header = pgm.toString('latin1', 0, 50).split(/\s+/);
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(pgm.length - w * h);
  let ink = 0;
  for (const px of pixels) if (px < 200) ink++;
  return ink / pixels.length;
}

export type ReadPdf = Awaited<ReturnType<typeof readPdf>>;
