import { artifact, type Doc, nfc, PAGE } from './document.js';
import type { Cell, Column } from './flow.js';

// How a table's rows are measured and drawn; the flow (flow.ts) decides where each goes.

const WIDTH = PAGE.width - 2 * PAGE.margin;
const PAD = 3;
export const BODY = 9;
export const HEAD_SIZE = 8.5;

const cellText = (c: Cell) => (typeof c === 'string' ? c : c.map((r) => r.text).join(''));

export interface TableState {
  columns: Column[];
  header: RowSize;
  struct?: PDFKit.PDFStructureElement;
}

/**
 * Widens each column to its heading's longest word, taking the room from the columns that wrap (the
 * name), so a heading breaks only between words: Welsh headings ("Blaenlythrennau'r athro",
 * "Cyfanswm") are longer than the English the widths were first set by, and broke mid-word.
 */
export function fitColumns(doc: Doc, columns: readonly Column[]): Column[] {
  doc.font('bold').fontSize(HEAD_SIZE);
  // The words pdfkit's line wrapper will not break, each with the space after it as it measures them:
  // Unicode's line-breaking rules keep a slash with the word before it ("ymgeisydd /"), and the
  // bilingual headings are joined with " / ".
  const widest = (header: string) =>
    Math.max(
      0,
      ...nfc(header)
        .split(/ +(?!\/)/)
        .map((w) => doc.widthOfString(`${w} `)),
    );
  const least = (c: Column) => Math.ceil(widest(c.header)) + 2 * PAD;
  const fitted = columns.map((c) => ({ ...c, width: Math.max(c.width, least(c)) }));
  let over = fitted.reduce((n, c) => n + c.width, 0) - columns.reduce((n, c) => n + c.width, 0);
  for (const c of fitted) {
    if (!c.wraps || over <= 0) continue;
    const give = Math.min(over, c.width - least(c));
    c.width -= give;
    over -= give;
  }
  return fitted;
}

/** Whether `text` (already NFC) sets on one line of `width` in the current font: most cells do. */
export function fitsOneLine(doc: Doc, text: string, width: number): boolean {
  return !text.includes('\n') && doc.widthOfString(text) <= width;
}

/** A row's height (its tallest cell's), and whether every cell measured fits on one line. */
export interface RowSize {
  height: number;
  oneLine: boolean;
}

/** `all` for headings; a body row measures only what can wrap (a name), once, here. */
export function rowSize(
  doc: Doc,
  columns: Column[],
  cells: Cell[],
  font: string,
  size: number,
  all = false,
): RowSize {
  doc.font(font).fontSize(size);
  let h = doc.currentLineHeight(true);
  let oneLine = true;
  columns.forEach((col, i) => {
    if (!all && !col.wraps) return;
    const text = nfc(cellText(cells[i] ?? ''));
    const width = col.width - 2 * PAD;
    if (fitsOneLine(doc, text, width)) return;
    oneLine = false;
    h = Math.max(h, doc.heightOfString(text, { width }));
  });
  return { height: h + 2 * PAD, oneLine };
}

/** Where a line starts in a cell, for its alignment; `width` is asked for only when it matters. */
function lineStart(x: number, col: Column, width: () => number): number {
  const room = col.width - 2 * PAD;
  if (col.align === 'right') return x + PAD + room - width();
  if (col.align === 'center') return x + PAD + (room - width()) / 2;
  return x + PAD;
}

/**
 * A cell's text. What the row's measuring found to fit, and runs (an original mark and its
 * amendment), are set on one line placed by hand: pdfkit's line wrapper costs more than the text,
 * and its `continued` runs lose their alignment. The fill is black between cells, so only a
 * coloured run sets a colour (and puts black back): each colour change is two operators per cell.
 */
function drawCellText(doc: Doc, cell: Cell, x: number, y: number, col: Column, wraps: boolean) {
  if (typeof cell === 'string') {
    const text = nfc(cell);
    if (wraps) {
      doc.text(text, x + PAD, y + PAD, { width: col.width - 2 * PAD, align: col.align ?? 'left' });
      return;
    }
    doc.text(
      text,
      lineStart(x, col, () => doc.widthOfString(text)),
      y + PAD,
      { lineBreak: false },
    );
    return;
  }
  const runs = cell.map((r) => {
    const text = nfc(r.text);
    return { ...r, text, width: doc.widthOfString(text) };
  });
  let at = lineStart(x, col, () => runs.reduce((n, r) => n + r.width, 0));
  for (const r of runs) {
    if (r.color) doc.fillColor(r.color);
    doc.text(r.text, at, y + PAD, { lineBreak: false });
    if (r.color) doc.fillColor('black');
    at += r.width;
  }
}

/** Tagged: the table's first header, `TH` cells; artifact: the header repeated on a later page. */
export type RowKind = 'tagged' | 'artifact' | false;

export function drawRow(doc: Doc, t: TableState, cells: Cell[], y: number, size: RowSize, header: RowKind) {
  // A body row's rule is drawn with the rest of its page's rules (`drawRules`): one artifact, not one a row.
  if (header)
    artifact(doc, () => doc.rect(PAGE.margin, y, WIDTH, size.height).fill('#e8e8e8').fillColor('black'));
  // Every cell of a row is in the same font: set once, not per cell.
  doc.font(header ? 'bold' : 'body').fontSize(header ? HEAD_SIZE : BODY);
  let x = PAGE.margin;
  const type = header === 'artifact' ? null : header === 'tagged' ? 'TH' : 'TD';
  const tr = type ? doc.struct('TR') : null;
  if (tr) t.struct?.add(tr);
  t.columns.forEach((col, i) => {
    const cell = cells[i] ?? '';
    const at = x;
    const wraps = !size.oneLine && (Boolean(header) || Boolean(col.wraps));
    const draw = () => drawCellText(doc, cell, at, y, col, wraps);
    if (tr && type) {
      const options = type === 'TH' ? ({ scope: 'Column' } as Parameters<Doc['struct']>[1]) : {};
      tr.add(doc.struct(type, options, draw));
    } else artifact(doc, draw);
    x += col.width;
  });
  tr?.end();
}
