// Exports of a page's tables: CSV or XLSX (exceljs), generated on the server.
import ExcelJS from 'exceljs';
import { toCsv, type Table } from '../table.ts';

export type ExportFormat = 'csv' | 'xlsx';

export function parseFormat(value: string | null): ExportFormat | null {
  return value === 'csv' || value === 'xlsx' ? value : null;
}

/** The file's bytes, type and name for one table; `footer`: lines printed after it (e.g. the publication's notice). */
export async function exportTable(table: Table, format: ExportFormat, baseName: string, footer: readonly string[] = []): Promise<Response> {
  const name = `${baseName}-${table.id}.${format}`;
  if (format === 'csv') {
    return new Response(toCsv(table, footer), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
    });
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Passerelles';
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  if (table.note || footer.length > 0) sheet.addRow([]);
  if (table.note) sheet.addRow([table.note]);
  for (const line of footer) sheet.addRow([line]);
  sheet.columns.forEach((column) => {
    column.width = 24;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"`,
    },
  });
}
