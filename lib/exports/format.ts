import { stringify } from "csv-stringify/sync";
import type { ColumnValue } from "@/lib/exports/columns";

// How exported rows become bytes. CSV follows RFC 4180 (fields with a comma, quote, CR or LF are
// quoted, quotes doubled, CRLF line ends, a header line) in UTF-8, optionally behind a byte-order
// mark so that spreadsheet programs read the UTF-8 correctly. NDJSON is one JSON object per line.

export type ExportFormat = "csv" | "ndjson";

export const UTF8_BOM = "\uFEFF";

/**
 * A cell a spreadsheet would evaluate as a formula gets a leading apostrophe (the OWASP advice
 * for CSV injection): anything starting with = + - @, a tab or a carriage return. The apostrophe
 * makes spreadsheet programs show the text as typed and is visible in the cell, so nothing is
 * silently changed. Applied to CSV only: NDJSON is read by programs, which do not evaluate text.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: ColumnValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return neutraliseCell(value);
}

export function csvHeader(columns: readonly string[], bom: boolean): string {
  return (bom ? UTF8_BOM : "") + stringify([columns as string[]], { eof: true, record_delimiter: "windows" });
}

/** Several records as CSV text, each ending in CRLF. */
export function csvRecords(records: ColumnValue[][]): string {
  return stringify(
    records.map((r) => r.map(csvCell)),
    // A lone CR or LF inside a field must be quoted too, not only the CRLF record delimiter.
    { eof: true, record_delimiter: "windows", quoted_match: /[\r\n]/ },
  );
}

/** Several records as NDJSON lines, keys in column order, values raw (null stays null). */
export function ndjsonRecords(columns: readonly string[], records: ColumnValue[][]): string {
  let out = "";
  for (const record of records) {
    const object: Record<string, ColumnValue> = {};
    for (let i = 0; i < columns.length; i++) object[columns[i]] = record[i];
    out += JSON.stringify(object) + "\n";
  }
  return out;
}
