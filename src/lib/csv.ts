/**
 * CSV as RFC 4180 defines it: fields separated by commas, records by CRLF, a field quoted when it
 * holds a comma, a quote, CR or LF, and a quote inside a quoted field doubled. Ten lines, so no
 * runtime dependency; test/routes/exports.routes.test.ts parses every export back with csv-parse.
 */
import { sourceText } from "./sources";

export type CsvValue = string | number | boolean | null | undefined;

const field = (v: CsvValue) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvRecord = (values: readonly CsvValue[]) => `${values.map(field).join(",")}\r\n`;

/** How several values share one field (sources, counterparties): the separator CoW-style data uses. */
export const LIST_SEPARATOR = " | ";

/** A JSON array of sources (as the tables keep them) as one field. */
export const sourcesField = (json: string | null) =>
  json ? (JSON.parse(json) as unknown[]).map(sourceText).join(LIST_SEPARATOR) : "";
