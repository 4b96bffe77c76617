import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatterFor, isoDatePattern } from '../../src/domain/format';

const da = formatterFor('da');
const en = formatterFor('en');

describe('dates, times and numbers as people write them', () => {
  it('when a calendar date is shown, then Danish writes "28. december 2026" and English "28 December 2026"', () => {
    expect(da.date('2026-12-28')).toBe('28.\u00a0december 2026');
    expect(en.date('2026-12-28')).toBe('28 December 2026');
    expect(da.period('2027-03-01', '2027-06-30')).toBe('1.\u00a0marts 2027 – 30.\u00a0juni 2027');
  });

  it('when an instant is shown, then it is the day and clock in Copenhagen: "kl. 23.59" in Danish, "at 23:59" in English', () => {
    // 22:59 UTC in winter is 23:59 in Copenhagen; 23:30 UTC is already the next day there.
    expect(da.dateTime('2026-12-28T22:59:00Z')).toBe('28.\u00a0december 2026 kl. 23.59');
    expect(en.dateTime('2026-12-28T22:59:00Z')).toBe('28 December 2026 at 23:59');
    expect(da.time('2026-12-28T22:59:00Z')).toBe('kl. 23.59');
    expect(da.date('2026-12-31T23:30:00Z')).toBe('1.\u00a0januar 2027');
    expect(da.weekdayTime('2026-12-07T07:00:00Z')).toBe('mandag kl. 08.00');
    expect(en.weekdayTime('2026-12-07T07:00:00Z')).toBe('Monday at 08:00');
  });

  it('when a Danish date starts a card text, then it is not a markdown list item: the day is held to its month by a no-break space', () => {
    for (const shown of [da.date('2027-01-05'), da.dateTime('2027-01-05T10:00:00Z'), da.period('2027-01-05', '2027-02-05')]) {
      // CommonMark (and Teams) read "digits, a period, a space" at the start of a line as a numbered list.
      expect(shown).not.toMatch(/^\d+\. /);
      expect(shown.replace(/\u00a0/g, ' ')).toMatch(/^5\. januar 2027/);
    }
  });

  it('when a number is shown, then Danish has a decimal comma and English a decimal point', () => {
    expect(da.number(2.5)).toBe('2,5');
    expect(en.number(2.5)).toBe('2.5');
    expect(da.number(20000)).toBe('20.000');
    expect(en.number(20000)).toBe('20,000');
    expect(da.number(-0.75, { decimals: 1, signed: true })).toBe('-0,8');
    expect(da.number(1234.5, { grouping: false })).toBe('1234,5');
  });

  it('for any day of any year from 1900 to 2200, the shown date is never written as YYYY-MM-DD and names the month in words', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
      const iso = date.toISOString().slice(0, 10);
      for (const [format, pattern] of [[da, /^\d{1,2}\.\u00a0[a-zæøå]+ \d{4}$/], [en, /^\d{1,2} [A-Z][a-z]+ \d{4}$/]] as const) {
        const shown = format.date(iso);
        expect(shown).toMatch(pattern);
        expect(isoDatePattern.test(shown)).toBe(false);
        expect(isoDatePattern.test(format.dateTime(date))).toBe(false);
      }
    }));
  });
});
