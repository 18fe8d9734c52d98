import { parse } from 'csv-parse/sync';

/** One record as read, with the line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  values: string[];
}

/** A line that could not be read as CSV: where, and in which column (1-based) the trouble starts. */
export interface UnreadableLine {
  line: number;
  column: number;
  code: 'quote_not_closed';
}

export interface CsvRead {
  records: CsvRecord[];
  unreadable: UnreadableLine[];
}

interface Options {
  /** Whether a quoted cell may run over several lines (an address typed with Alt+Enter in Excel). */
  multilineCells: boolean;
}

/**
 * Reads CSV text as leniently as a spreadsheet does: a quote inside an unquoted cell is a character
 * (`O"Brien`), rows may have more or fewer cells than the header. A quoted cell that is never closed
 * on its line (or, with `multilineCells`, never at all) cannot be read: that line is reported with
 * the column where its quote opens, and reading goes on at the next line, so one stray quote costs
 * one row, not the file. The whole text is parsed in one pass when nothing is wrong, which is the
 * bulk upload's common case and its speed (bench `bulk_users`).
 */
export function readCsvRecords(text: string, { multilineCells }: Options): CsvRead {
  if (!multilineCells) {
    const whole = parseWhole(text);
    if (whole) return { records: whole, unreadable: [] };
  }
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  const records: CsvRecord[] = [];
  const unreadable: UnreadableLine[] = [];
  let from = 0;
  while (from < lines.length) {
    const { read, brokenAt } = parseFrom(lines, from, multilineCells);
    records.push(...read);
    if (brokenAt === undefined) break;
    unreadable.push({
      line: brokenAt + 1,
      column: openQuoteColumn(lines[brokenAt] ?? ''),
      code: 'quote_not_closed',
    });
    from = brokenAt + 1;
  }
  return { records, unreadable };
}

/**
 * The common case in one pass, without csv-parse's per-record line counts (which cost the bulk
 * upload four times the parse itself): when no cell holds a line break and nothing was skipped,
 * record n is line n. Anything else (a quote left open) answers undefined for the careful reading.
 */
function parseWhole(text: string): CsvRecord[] | undefined {
  let skipped = false;
  const parsed = parse(text, {
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: () => {
      skipped = true;
    },
  }) as string[][];
  if (skipped || parsed.some((values) => values.some((v) => v.includes('\n') || v.includes('\r'))))
    return undefined;
  return parsed.map((values, i) => ({ line: i + 1, values }));
}

/** Parses lines[from..]; stops at the first record that cannot stand (0-based index of its first line). */
function parseFrom(lines: string[], from: number, multilineCells: boolean) {
  let notClosed = false;
  const parsed = parse(lines.slice(from).join('\n'), {
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    info: true,
    on_skip: (err) => {
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') notClosed = true;
    },
  }) as unknown as { info: { lines: number }; record: string[] }[];
  const read: CsvRecord[] = [];
  let next = from;
  for (const { info, record } of parsed) {
    const end = from + info.lines - 1;
    if (!multilineCells && end > next) return { read, brokenAt: next };
    read.push({ line: next + 1, values: record });
    next = end + 1;
  }
  return { read, brokenAt: notClosed && next < lines.length ? next : undefined };
}

/** The 1-based column whose opening quote is still open at the end of the line. */
function openQuoteColumn(line: string): number {
  let column = 1;
  let quotedColumn = 1;
  let inQuotes = false;
  let atStart = true;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"' && line[i + 1] === '"') i++;
      else if (ch === '"') inQuotes = false;
      continue;
    }
    if (ch === ',') {
      column++;
      atStart = true;
      continue;
    }
    if (ch === '"' && atStart) {
      inQuotes = true;
      quotedColumn = column;
    }
    atStart = false;
  }
  return quotedColumn;
}
