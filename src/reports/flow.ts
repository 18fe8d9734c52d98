import type { Language } from '../i18n/index.js';
import { artifact, type Doc, footer, nfc, PAGE } from './document.js';

/** A run of text in a cell; a clerical amendment is a second, red run beside the original. */
export interface Run {
  text: string;
  color?: string;
}
export type Cell = string | Run[];

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Text that may run to several lines (a name); every other column's cells are one short line. */
  wraps?: boolean;
}

/** What a report is made of, in reading order; the flow decides where pages break. */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string; lang?: Language; size?: number }
  | { kind: 'table'; columns: Column[]; rows: Cell[][] };

export interface Frame {
  /** Drawn as an artifact at the top of every page after the first (the first has the title). */
  runningHead: string;
  footerLeft: string;
  pageLabel: (page: number, pages: number) => string;
}

const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const PAD = 3;
const BODY = 9;
const HEAD_SIZE = 8.5;
const RUNNING_HEAD_GAP = 22;

const cellText = (c: Cell) => (typeof c === 'string' ? c : c.map((r) => r.text).join(''));

/** One indivisible piece of a page: a paragraph, a table's header, a table row. */
interface Unit {
  height: number;
  /** A heading stays on the page of what follows it. */
  keepWithNext?: boolean;
  /** Set on a table's rows: the header drawn again (as an artifact) at the top of a new page. */
  table?: TableState;
  /** Draws the unit at `y`; a table row answers where its rule goes. */
  // biome-ignore lint/suspicious/noConfusingVoidType: most units draw and answer nothing
  draw(doc: Doc, y: number): number | void;
}

interface TableState {
  columns: Column[];
  header: RowSize;
  struct?: PDFKit.PDFStructureElement;
}

/** Whether `text` (already NFC) sets on one line of `width` in the current font: most cells do. */
function fitsOneLine(doc: Doc, text: string, width: number): boolean {
  return !text.includes('\n') && doc.widthOfString(text) <= width;
}

function textHeight(doc: Doc, text: string, font: string, size: number, width: number): number {
  doc.font(font).fontSize(size);
  const t = nfc(text);
  // One line needs no line-breaking pass.
  if (fitsOneLine(doc, t, width)) return doc.currentLineHeight(true);
  return doc.heightOfString(t, { width });
}

/** A row's height (its tallest cell's), and whether every cell measured fits on one line. */
interface RowSize {
  height: number;
  oneLine: boolean;
}

/** `all` for headings; a body row measures only what can wrap (a name), once, here. */
function rowSize(
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
type RowKind = 'tagged' | 'artifact' | false;

function drawRow(doc: Doc, t: TableState, cells: Cell[], y: number, size: RowSize, header: RowKind) {
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

function paragraph(doc: Doc, type: string, text: string, font: string, size: number, gap: number) {
  return (section: PDFKit.PDFStructureElement, lang?: Language): Unit => ({
    height: textHeight(doc, text, font, size, WIDTH) + gap,
    keepWithNext: type !== 'P',
    draw: (d, y) => {
      section.add(
        d.struct(type, lang ? { lang } : {}, () => {
          d.font(font).fontSize(size);
          d.text(nfc(text), PAGE.margin, y, { width: WIDTH });
        }),
      );
    },
  });
}

function tableUnits(doc: Doc, section: PDFKit.PDFStructureElement, b: Extract<Block, { kind: 'table' }>) {
  const headers = b.columns.map((c) => c.header);
  const state: TableState = {
    columns: b.columns,
    header: rowSize(doc, b.columns, headers, 'bold', HEAD_SIZE, true),
  };
  const units: Unit[] = [
    {
      height: state.header.height,
      keepWithNext: true,
      draw: (d, y) => {
        state.struct = d.struct('Table');
        section.add(state.struct);
        drawRow(d, state, headers, y, state.header, 'tagged');
        return y + state.header.height;
      },
    },
  ];
  b.rows.forEach((cells, i) => {
    const size = rowSize(doc, b.columns, cells, 'body', BODY);
    const last = i === b.rows.length - 1;
    units.push({
      height: size.height,
      table: state,
      draw: (d, y) => {
        drawRow(d, state, cells, y, size, false);
        if (last) state.struct?.end();
        return y + size.height;
      },
    });
  });
  if (!b.rows.length) units[0] = { ...(units[0] as Unit), keepWithNext: false };
  return units;
}

function unitsOf(doc: Doc, blocks: Block[], section: PDFKit.PDFStructureElement): Unit[] {
  return blocks.flatMap((b): Unit[] => {
    if (b.kind === 'title') return [paragraph(doc, 'H1', b.text, 'bold', 16, 6)(section)];
    if (b.kind === 'heading') return [paragraph(doc, 'H2', b.text, 'bold', 12, 4)(section)];
    if (b.kind === 'para') return [paragraph(doc, 'P', b.text, 'body', b.size ?? 10, 4)(section, b.lang)];
    return [...tableUnits(doc, section, b), { height: 10, draw: () => {} }];
  });
}

/** The rules under a page's table rows, as one artifact. */
function drawRules(doc: Doc, ys: number[]) {
  if (!ys.length) return;
  artifact(doc, () => {
    for (const y of ys) doc.moveTo(PAGE.margin, y).lineTo(PAGE.margin + WIDTH, y);
    doc.lineWidth(0.5).stroke('#999999');
  });
}

interface Placed {
  unit: Unit;
  y: number;
  /** A table continued from the page before: its header is drawn again first. */
  repeatHeader?: TableState;
}

/** Where every unit goes, decided before the first is drawn, so every footer knows the page count. */
function paginate(units: Unit[]): Placed[][] {
  const pages: Placed[][] = [[]];
  let y: number = PAGE.margin;
  const top = PAGE.margin + RUNNING_HEAD_GAP;
  units.forEach((u, i) => {
    const next = units[i + 1];
    const needed = u.height + (u.keepWithNext && next ? next.height : 0);
    let repeatHeader: TableState | undefined;
    if (y + needed > BOTTOM && (pages.at(-1) ?? []).length) {
      pages.push([]);
      y = top;
      if (u.table) {
        repeatHeader = u.table;
        y += u.table.header.height;
      }
    }
    pages.at(-1)?.push({ unit: u, y, repeatHeader });
    y += u.height;
  });
  return pages;
}

/**
 * Lays out and draws a report a page at a time, yielding after each: headings stay with what
 * follows, a row never splits, a table's header is repeated (as an artifact, so a screen reader
 * reads it once) at the top of every page it continues on, and every page gets "Page x of y".
 */
export function* flow(doc: Doc, blocks: Block[], frame: Frame): Generator<void> {
  const section = doc.struct('Sect');
  doc.addStructure(section);
  const pages = paginate(unitsOf(doc, blocks, section));
  const rules: number[] = [];
  for (const [i, page] of pages.entries()) {
    if (i > 0) {
      doc.addPage();
      artifact(doc, () => {
        doc.font('body').fontSize(8).fillColor('#444444');
        doc.text(nfc(frame.runningHead), PAGE.margin, PAGE.margin, { lineBreak: false });
        doc.fillColor('black');
      });
    }
    for (const placed of page) {
      const t = placed.repeatHeader;
      if (t) {
        const headers = t.columns.map((c) => c.header);
        drawRow(doc, t, headers, placed.y - t.header.height, t.header, 'artifact');
      }
      const rule = placed.unit.draw(doc, placed.y);
      if (rule !== undefined) rules.push(rule);
      if (t) rules.push(placed.y);
    }
    drawRules(doc, rules.splice(0));
    footer(doc, frame.footerLeft, frame.pageLabel(i + 1, pages.length));
    yield;
  }
  section.end();
}
