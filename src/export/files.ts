import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Cell, Sheet } from '../domain/exportLink';
import { type Formatter, formatterFor } from '../domain/format';
import type { Locale } from '../domain/i18n';

/** Numbers and days in a CSV as the person's language writes them ("2,5", "1. marts 2027"). */
const csvText = (cell: Cell, format: Formatter) =>
  typeof cell === 'number' ? format.number(cell, { grouping: false }) : typeof cell === 'object' ? format.date(cell.date) : cell;

/**
 * A text cell a spreadsheet must not run: one that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading apostrophe (OWASP's advice against CSV injection), so
 * `=HYPERLINK(…)` typed as a plan goal arrives as the text `'=HYPERLINK(…)`: readable, inert.
 * Numbers and days are ours (figures, counts, dates) and stay as they are written.
 */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * CSV for Excel in the person's language: UTF-8 with a byte-order mark (else æøå come out
 * wrong); in Danish semicolons (Danish Excel's list separator, since the comma is the decimal
 * sign) and decimal commas, in English commas and decimal points. Several sheets follow each
 * other, each under its name.
 */
export function toCsv(sheets: readonly Sheet[], locale: Locale): Buffer {
  const format = formatterFor(locale);
  const delimiter = locale === 'da' ? ';' : ',';
  const parts = sheets.map((sheet, i) => {
    const heading = sheets.length > 1 ? stringify([[neutralised(sheet.name)]], { delimiter, record_delimiter: 'windows' }) : '';
    const body = stringify([sheet.columns.map(neutralised), ...sheet.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutralised(cell) : csvText(cell, format))))], {
      delimiter, record_delimiter: 'windows',
    });
    return `${i > 0 ? '\r\n' : ''}${heading}${body}`;
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(parts.join(''))]);
}

/** Excel's display of a day in the person's language, whatever language Excel itself runs in. */
const xlsxDateFormat: Record<Locale, string> = { da: '[$-406]d. mmmm yyyy', en: '[$-809]d mmmm yyyy' };

/**
 * One worksheet per sheet, a bold frozen header row, numbers as numbers, days as dates; every
 * text is stored as a text cell (exceljs writes a formula only when given one), so `=…` is never
 * a formula.
 */
export async function toXlsx(sheets: readonly Sheet[], locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kompetencebot';
  const used = new Set<string>();
  for (const sheet of sheets) {
    let name = sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Ark';
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`;
    used.add(name.toLowerCase());
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) {
      const added = worksheet.addRow(row.map((cell) => (typeof cell === 'object' ? new Date(`${cell.date}T00:00:00Z`) : cell)));
      row.forEach((cell, i) => {
        if (typeof cell === 'object') added.getCell(i + 1).numFmt = xlsxDateFormat[locale];
      });
    }
    worksheet.columns.forEach((column, i) => {
      const longest = Math.max(sheet.columns[i]?.length ?? 0, ...sheet.rows.slice(0, 200).map((r) => (typeof r[i] === 'object' ? 17 : String(r[i] ?? '').length)));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
