import type { Language } from '../i18n/index.js';
import { artifact, type Doc, footer, nfc, PAGE } from './document.js';
import { BODY, drawRow, fitColumns, fitsOneLine, HEAD_SIZE, rowSize, type TableState } from './table.js';

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
const RUNNING_HEAD_GAP = 22;

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

function textHeight(doc: Doc, text: string, font: string, size: number, width: number): number {
  doc.font(font).fontSize(size);
  const t = nfc(text);
  // One line needs no line-breaking pass.
  if (fitsOneLine(doc, t, width)) return doc.currentLineHeight(true);
  return doc.heightOfString(t, { width });
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
  const columns = fitColumns(doc, b.columns);
  const headers = columns.map((c) => c.header);
  const state: TableState = {
    columns,
    header: rowSize(doc, columns, headers, 'bold', HEAD_SIZE, true),
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
    const size = rowSize(doc, columns, cells, 'body', BODY);
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
