import type { ColumnValue } from "@/lib/exports/columns";

// How exported rows become text. CSV follows RFC 4180: a header line, fields separated by commas,
// a field that holds a comma, a double quote, a CR or an LF enclosed in double quotes with its
// quotes doubled, every line ending in CRLF; UTF-8, optionally behind a byte-order mark so that
// spreadsheet programs read the UTF-8 correctly. NDJSON is one JSON object per line.
//
// The CSV writer is these few lines rather than csv-stringify: at a million rows the library's
// per-field option handling cost more than the database read (docs/decisions/031-export-path.md).
// The tests parse the output with csv-parse, so the two implementations check each other.

export type ExportFormat = "csv" | "ndjson";

export const UTF8_BOM = "\uFEFF";

/**
 * A cell a spreadsheet would evaluate as a formula gets a leading apostrophe (the OWASP advice
 * for CSV injection): anything starting with = + - @, a tab or a carriage return. The apostrophe
 * makes spreadsheet programs show the text as typed and is visible in the cell, so nothing is
 * silently changed. Applied to CSV only: NDJSON is read by programs, which do not evaluate text.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** One CSV field: neutralised, then quoted when RFC 4180 requires it. */
export function csvField(value: ColumnValue): string {
  if (value === null) return "";
  if (value === true) return "true";
  if (value === false) return "false";
  const text = neutraliseCell(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

export function csvHeader(columns: readonly string[], bom: boolean): string {
  return (bom ? UTF8_BOM : "") + csvRecords([columns as string[]]);
}

/** Several records as CSV text, each ending in CRLF. */
export function csvRecords(records: readonly ColumnValue[][]): string {
  let out = "";
  for (const record of records) {
    for (let i = 0; i < record.length; i++) out += (i === 0 ? "" : ",") + csvField(record[i]);
    out += "\r\n";
  }
  return out;
}

/** Several records as NDJSON lines, keys in column order, values raw (null stays null). */
export function ndjsonRecords(columns: readonly string[], records: readonly ColumnValue[][]): string {
  let out = "";
  for (const record of records) {
    const object: Record<string, ColumnValue> = {};
    for (let i = 0; i < columns.length; i++) object[columns[i]] = record[i];
    out += JSON.stringify(object) + "\n";
  }
  return out;
}
