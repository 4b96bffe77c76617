import { createHmac } from 'node:crypto';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExportLink, type Sheet, signExportLink, verifyExportLink } from '../../src/domain/exportLink';
import { toCsv, toXlsx } from '../../src/export/files';
import { uploadTargetAllowed } from '../../src/bot/fileConsent';

const key = 'k'.repeat(40);
const now = new Date('2026-11-23T10:00:00Z');
const link: ExportLink = { v: 1, kind: 'department-gaps', format: 'csv', personId: '0d1e2f30-0000-4000-8000-000000000002', subject: 'hjemmeplejen-nord', cycle: '2026', exp: now.getTime() / 1000 + 900 };

describe('export links', () => {
  it('when a link is signed and checked within its time, then it says what was asked for and by whom', () => {
    expect(verifyExportLink(signExportLink(link, key), key, now)).toEqual({ ok: true, link });
  });

  it('when the link has expired, then it is refused as expired', () => {
    expect(verifyExportLink(signExportLink(link, key), key, new Date(link.exp * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('when a link is signed with another key, then it is refused', () => {
    expect(verifyExportLink(signExportLink(link, 'x'.repeat(40)), key, now)).toEqual({ ok: false, reason: 'signature' });
  });

  it('for any change to a signed link (another person, department or kind; any character), it is refused', () => {
    const token = signExportLink(link, key);
    // The last character of the signature carries two spare bits: every other spelling is refused.
    for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      if (char !== token.at(-1)) expect(verifyExportLink(token.slice(0, -1) + char, key, now).ok).toBe(false);
    }
    fc.assert(fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCabc019-_.'), (at, char) => {
      fc.pre(token[at] !== char);
      const changed = token.slice(0, at) + char + token.slice(at + 1);
      expect(verifyExportLink(changed, key, now).ok).toBe(false);
    }));
    // A body rewritten to another department keeps the old signature: refused.
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...link, subject: 'borgerservice' })).toString('base64url')}.${signature}`;
    expect(verifyExportLink(forged, key, now)).toEqual({ ok: false, reason: 'signature' });
  });

  /** A token whose body is `json`, correctly signed: what only the key's holder can make. */
  const signedRaw = (json: string) => {
    const body = Buffer.from(json).toString('base64url');
    return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
  };

  it('when a correctly signed body is not a link (not JSON, another version, a cycle that is not a year, extra fields), then it is refused as malformed', () => {
    expect(verifyExportLink(signedRaw('not json'), key, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyExportLink(signedRaw(JSON.stringify({ ...link, v: 2 })), key, now)).toEqual({ ok: false, reason: 'malformed' });
    for (const cycle of ['20266', 'x2026', '2026x', '26']) expect(verifyExportLink(signedRaw(JSON.stringify({ ...link, cycle })), key, now), cycle).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyExportLink(signedRaw(JSON.stringify({ ...link, admin: true })), key, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyExportLink(signedRaw(JSON.stringify(link)), key, now)).toEqual({ ok: true, link });
    expect(() => signExportLink({ ...link, cycle: '20266' }, key)).toThrow();
  });

  it('when a token is cut, padded or wrapped, then it is refused as malformed before any signature is computed', () => {
    const token = signExportLink(link, key);
    for (const text of [`!${token}`, `${token}!`, ` ${token}`, `${token}\n`, token.split('.')[1]!, `.${token.split('.')[1]}`, '', `${token.slice(0, -1)}`]) {
      expect(verifyExportLink(text, key, now), JSON.stringify(text)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('for any text at all, checking never throws and never accepts', () => {
    fc.assert(fc.property(fc.string({ maxLength: 3000 }), (text) => {
      expect(verifyExportLink(text, key, now).ok).toBe(false);
    }));
  });
});

describe('export files', () => {
  const sheet: Sheet = { name: 'Hjemmeplejen Nord', columns: ['Kompetence', 'Nuværende niveau', 'Bemærkning'], rows: [['Samarbejdskompetence', 2.5, ''], ['Forandring; "nye" veje', '', 'For få svar']] };
  const dated: Sheet = { name: 'Planer', columns: ['Aktivitet', 'Start', 'Antal'], rows: [['Kursus', { date: '2027-03-01' }, 1234.5]] };

  it('when figures are written as CSV, then Danish Excel reads it: a BOM, semicolons, decimal commas and quoted text', () => {
    const text = toCsv([sheet], 'da').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')).toEqual([
      'Kompetence;Nuværende niveau;Bemærkning', 'Samarbejdskompetence;2,5;', '"Forandring; ""nye"" veje";;For få svar', '',
    ]);
  });

  it('when a CSV has days and numbers, then they are written as the card writes them: Danish "1. marts 2027" and "1234,5", English "1 March 2027" and "1234.5" with commas between cells', () => {
    expect(toCsv([dated], 'da').toString('utf8').slice(1).split('\r\n')[1]).toBe('Kursus;1.\u00a0marts 2027;1234,5');
    expect(toCsv([dated], 'en').toString('utf8').slice(1).split('\r\n')[1]).toBe('Kursus,1 March 2027,1234.5');
  });

  it('when a day is written to Excel, then it is a date cell shown in the person\'s language, not text', async () => {
    for (const [locale, format] of [['da', '[$-406]d. mmmm yyyy'], ['en', '[$-809]d mmmm yyyy']] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await toXlsx([dated], locale) as unknown as ArrayBuffer);
      const cell = workbook.worksheets[0]!.getCell('B2');
      expect(cell.value).toEqual(new Date('2027-03-01T00:00:00Z'));
      expect(cell.numFmt).toBe(format);
      expect(workbook.worksheets[0]!.getCell('C2').value).toBe(1234.5);
    }
  });

  it('when figures are written as Excel, then reading the file back gives the same cells, numbers as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await toXlsx([sheet, { ...sheet, name: 'Hjemmeplejen Nord' }], 'da') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Hjemmeplejen Nord', 'Hjemmeplejen Nord 2']);
    const first = workbook.worksheets[0]!;
    expect(first.getRow(1).values).toEqual([undefined, 'Kompetence', 'Nuværende niveau', 'Bemærkning']);
    expect(first.getCell('B2').value).toBe(2.5);
    expect(first.getCell('A3').value).toBe('Forandring; "nye" veje');
  });
});

describe('where a file in the chat may be uploaded', () => {
  it.each([
    ['https://contoso-my.sharepoint.com/personal/mette/upload?x=1', false, true],
    ['http://127.0.0.1:5000/upload', false, false],
    ['http://127.0.0.1:5000/upload', true, true],
    ['file:///etc/passwd', true, false],
    ['ftp://example.org/x', true, false],
    ['not a url', true, false],
  ])('when Teams gives %s (plain http allowed: %s), then uploading there is allowed: %s', (url, allowPlainHttp, allowed) => {
    expect(uploadTargetAllowed(url, allowPlainHttp)).toBe(allowed);
  });
});
