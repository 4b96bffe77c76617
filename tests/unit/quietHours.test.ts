import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  danishHolidays, defaultSendWindow, easterSunday, endOfDate, isSendAllowed, localDate, localTime, nextSendMoment, zonedTime,
} from '../../src/domain/quietHours';

const cph = 'Europe/Copenhagen';
const window = defaultSendWindow;
const iso = (date: Date) => date.toISOString();

describe('local time in Europe/Copenhagen', () => {
  it('when summer time starts (29 March 2026), then 08:00 is 06:00 UTC that day and 07:00 UTC the day before', () => {
    expect(iso(zonedTime('2026-03-28', 8, 0, cph))).toBe('2026-03-28T07:00:00.000Z');
    expect(iso(zonedTime('2026-03-29', 8, 0, cph))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(zonedTime('2026-03-29', 0, 0, cph))).toBe('2026-03-28T23:00:00.000Z');
  });

  it('when a wall time is skipped by the jump, then it is read as the same time after it', () => {
    expect(iso(zonedTime('2026-03-29', 2, 30, cph))).toBe('2026-03-29T01:30:00.000Z');
    expect(localTime(zonedTime('2026-03-29', 2, 30, cph), cph)).toMatchObject({ hour: 3, minute: 30 });
  });

  it('when summer time ends (25 October 2026), then a doubled wall time is the first one and 08:00 is 07:00 UTC', () => {
    expect(iso(zonedTime('2026-10-25', 2, 30, cph))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedTime('2026-10-25', 8, 0, cph))).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(zonedTime('2026-10-24', 8, 0, cph))).toBe('2026-10-24T06:00:00.000Z');
    expect(iso(endOfDate('2026-10-24', cph))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(endOfDate('2026-10-25', cph))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('when any instant is turned into its local date and time and back, then it is the same minute (outside the skipped hour)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), (at) => {
        const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
        const l = localTime(minute, cph);
        const back = zonedTime(localDate(minute, cph), l.hour, l.minute, cph);
        // A wall time in the hour that happens twice maps to its first instance.
        expect(minute.getTime() - back.getTime()).toBeGreaterThanOrEqual(0);
        expect(minute.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
        if (l.hour !== 2) expect(back.getTime()).toBe(minute.getTime());
      }),
    );
  });
});

describe('Danish holidays', () => {
  it('when Easter is computed, then it is right for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('when 2026 is listed, then Easter, Ascension, Whitsun and Christmas are in it, and Store bededag is not', () => {
    expect(danishHolidays(2026)).toEqual([
      '2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-24', '2026-05-25',
      '2026-06-05', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31',
    ]);
    expect(danishHolidays(2023)).toContain('2023-05-05');
  });
});

describe('quiet hours', () => {
  it('when it is a weekday morning, then a message may go; at night, at weekends and on holidays it may not', () => {
    expect(isSendAllowed(new Date('2026-11-24T09:00:00Z'), window)).toBe(true); // Tue 10:00
    expect(isSendAllowed(new Date('2026-11-24T06:59:00Z'), window)).toBe(false); // Tue 07:59
    expect(isSendAllowed(new Date('2026-11-24T16:00:00Z'), window)).toBe(false); // Tue 17:00
    expect(isSendAllowed(new Date('2026-11-28T10:00:00Z'), window)).toBe(false); // Saturday
    expect(isSendAllowed(new Date('2026-12-24T10:00:00Z'), window)).toBe(false); // juleaftensdag
  });

  it('when the bot must wait, then the next moment is the start of the next working day', () => {
    expect(iso(nextSendMoment(new Date('2026-11-23T01:13:00Z'), window))).toBe('2026-11-23T07:00:00.000Z'); // Mon 02:13 → 08:00
    expect(iso(nextSendMoment(new Date('2026-11-27T16:30:00Z'), window))).toBe('2026-11-30T07:00:00.000Z'); // Fri 17:30 → Mon
    expect(iso(nextSendMoment(new Date('2026-11-24T09:30:00Z'), window))).toBe('2026-11-24T09:30:00.000Z'); // already fine
    expect(iso(nextSendMoment(new Date('2026-04-01T16:00:00Z'), window))).toBe('2026-04-07T06:00:00.000Z'); // Easter: Wed → Tue
  });

  it('when the weekend holds a DST change, then Monday 08:00 is in the new offset', () => {
    expect(iso(nextSendMoment(new Date('2026-03-27T17:00:00Z'), window))).toBe('2026-03-30T06:00:00.000Z');
    expect(iso(nextSendMoment(new Date('2026-10-23T17:00:00Z'), window))).toBe('2026-10-26T07:00:00.000Z');
  });

  it('when any instant is given, then the next moment is allowed, not earlier, the instant itself if allowed, and within a week', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), (at) => {
        const next = nextSendMoment(at, window);
        expect(isSendAllowed(next, window)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        if (isSendAllowed(at, window)) expect(next.getTime()).toBe(at.getTime());
        else expect(localTime(next, cph)).toMatchObject({ hour: 8, minute: 0 });
        expect(next.getTime() - at.getTime()).toBeLessThan(7 * 86_400_000);
      }),
    );
  });
});
