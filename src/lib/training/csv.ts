/**
 * CSV for spreadsheets (RFC 4180, CRLF line ends, UTF-8 with a BOM so Excel reads Chinese).
 *
 * Formula injection: a text cell starting with = + - @ (or a tab or carriage return) would run as
 * a formula in Excel, LibreOffice and Google Sheets; such cells get a leading apostrophe (').
 * Numbers are written as numbers (a negative number is not text and is left alone).
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text (with BOM) of a header row and rows. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>, options: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}
