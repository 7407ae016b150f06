// A table as shown on a page and exported (CSV / XLSX): the same rows for both.
export type Cell = string | number | null;

export interface Table {
  /** Stable id, used in export URLs. */
  id: string;
  /** Caption (French); also the sheet's title. */
  title: string;
  columns: string[];
  rows: Cell[][];
  /** A note printed under the table (e.g. the « < 11 » explanation). */
  note?: string;
}

/**
 * CSV as French spreadsheets open it: `;` separator, UTF-8 with BOM, CRLF; `footer` lines (e.g. the
 * publication's notice) after the rows and an empty line, one cell each.
 */
export function toCsv(table: Table, footer: readonly string[] = []): string {
  const escape = (cell: Cell): string => {
    const text = cell === null ? '' : typeof cell === 'number' ? String(cell).replace('.', ',') : cell;
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [table.columns, ...table.rows].map((row) => row.map(escape).join(';'));
  if (footer.length > 0) lines.push('', ...footer.map(escape));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
