import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Sheet } from '../domain/exportLink';

/**
 * A text cell a spreadsheet must not run: one that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading apostrophe (OWASP's advice against CSV injection), so
 * `=HYPERLINK(…)` typed as a plan goal arrives as the text `'=HYPERLINK(…)`: readable, inert.
 * Numbers are ours (figures, counts) and stay numbers.
 */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * CSV for Danish Excel: UTF-8 with a byte-order mark (else æøå come out wrong), semicolons
 * (Danish Excel's list separator, since the comma is the decimal sign). Several sheets follow
 * each other, each under its name.
 */
export function toCsv(sheets: readonly Sheet[]): Buffer {
  const parts = sheets.map((sheet, i) => {
    const heading = sheets.length > 1 ? stringify([[neutralised(sheet.name)]], { record_delimiter: 'windows' }) : '';
    const body = stringify([sheet.columns.map(neutralised), ...sheet.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('da-DK', { useGrouping: false, maximumFractionDigits: 2 }) : neutralised(cell))))], {
      delimiter: ';', record_delimiter: 'windows',
    });
    return `${i > 0 ? '\r\n' : ''}${heading}${body}`;
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(parts.join(''))]);
}

/**
 * One worksheet per sheet, a bold frozen header row, numbers as numbers; every text is stored as
 * a text cell (exceljs writes a formula only when given one), so `=…` is never a formula.
 */
export async function toXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kompetencebot';
  const used = new Set<string>();
  for (const sheet of sheets) {
    let name = sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Ark';
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`;
    used.add(name.toLowerCase());
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.columns.forEach((column, i) => {
      const longest = Math.max(sheet.columns[i]?.length ?? 0, ...sheet.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
