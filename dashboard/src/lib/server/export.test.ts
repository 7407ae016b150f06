import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportTable, parseFormat } from './export';

const table = { id: 'sorties', title: 'Sorties par motif', columns: ['Motif', 'Personnes'], rows: [['Emploi', 12], ['Formation', '< 11']], note: 'Note' };

describe('exportTable', () => {
  it('answers an XLSX workbook with the same rows', async () => {
    const response = await exportTable(table, 'xlsx', 'pilotage-2025-01-01-2025-12-31');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pilotage-2025-01-01-2025-12-31-sorties.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Sorties par motif');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Motif', 'Personnes']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Emploi', 12]);
    expect(sheet.getRow(3).values).toEqual([undefined, 'Formation', '< 11']);
    expect(sheet.getRow(5).values).toEqual([undefined, 'Note']);
  });

  it('answers a CSV', async () => {
    const response = await exportTable(table, 'csv', 'x');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheets then read UTF-8
    expect(new TextDecoder().decode(bytes)).toBe('Motif;Personnes\r\nEmploi;12\r\nFormation;< 11\r\n');
    expect(parseFormat('pdf')).toBeNull();
  });

  it('prints the publication’s notice after the table, in both formats', async () => {
    const footer = ['Les chiffres de ce Département ne sont pas encore publiés.', 'Ce croisement n’est pas publié ; choisissez un filtre.'];
    const csv = await (await exportTable(table, 'csv', 'x', footer)).text();
    expect(csv).toBe('Motif;Personnes\r\nEmploi;12\r\nFormation;< 11\r\n\r\nLes chiffres de ce Département ne sont pas encore publiés.\r\n"Ce croisement n’est pas publié ; choisissez un filtre."\r\n');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await exportTable(table, 'xlsx', 'x', footer)).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect([5, 6, 7].map((r) => sheet.getRow(r).values)).toEqual([[undefined, 'Note'], [undefined, footer[0]], [undefined, footer[1]]]);
  });
});
