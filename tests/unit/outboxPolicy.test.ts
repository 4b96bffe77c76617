import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tenantWindows } from '../../src/messaging/dispatcher';
import { nextAllowedAt, parseWindowLimits, reserveSlot, type WindowLimit } from '../../src/messaging/rateLimit';
import { classifyDelivery, parseRetryAfter, retryDelayMs } from '../../src/messaging/retry';

const teams: WindowLimit[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

/** The most sends in any window of `windowMs` (a window ending at each send is enough). */
function busiestWindow(sends: number[], windowMs: number): number {
  return Math.max(0, ...sends.map((end) => sends.filter((at) => at > end - windowMs && at <= end).length));
}

describe('sliding-window rate limits', () => {
  it('when a sender takes every slot the limiter allows, then no window ever holds more than its limit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }), (gaps) => {
        let now = 0;
        let history: number[] = [];
        const sent: number[] = [];
        for (const gap of gaps) {
          now += gap;
          const decision = reserveSlot(history, teams, now);
          if (decision.ok) {
            history = decision.history;
            sent.push(now);
          } else {
            expect(decision.retryAt).toBeGreaterThan(now);
          }
        }
        for (const { limit, windowMs } of teams) expect(busiestWindow(sent, windowMs)).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300 },
    );
  });

  it('when the limiter names the earliest time, then a send then fits and one a millisecond earlier would not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 3000 }), (times, now) => {
        const history = times.filter((at) => at <= now);
        const at = nextAllowedAt(history, teams, now);
        expect(reserveSlot(history, teams, at).ok).toBe(true);
        if (at > now) expect(reserveSlot(history, teams, at - 1).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('when seven messages went to a conversation in the last second, then the eighth waits until the first leaves the window', () => {
    const history = [0, 100, 200, 300, 400, 500, 600];
    expect(nextAllowedAt(history, teams, 700)).toBe(1000);
  });

  it('when the limits are written as sends/seconds, then they are read, and a malformed list is refused', () => {
    expect(parseWindowLimits('7/1, 8/2,60/30,1800/3600')).toEqual(teams);
    expect(parseWindowLimits('7 per second')).toBeUndefined();
    expect(parseWindowLimits('0/1')).toBeUndefined();
    expect(parseWindowLimits('')).toBeUndefined();
  });

  it('when several instances share the tenant limit, then each gets its share as a whole number of sends per window, spread over the window', () => {
    expect(tenantWindows(50, 1)).toEqual([{ limit: 50, windowMs: 1000 }, { limit: 5, windowMs: 100 }]);
    expect(tenantWindows(50, 2)).toEqual([{ limit: 25, windowMs: 1000 }, { limit: 3, windowMs: 100 }]);
    expect(tenantWindows(50, 3)).toEqual([{ limit: 16, windowMs: 960 }, { limit: 2, windowMs: 96 }]);
    expect(tenantWindows(30, 60)).toEqual([{ limit: 1, windowMs: 2000 }, { limit: 1, windowMs: 200 }]);
  });
});

describe('retries', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');

  it('when Retry-After is seconds or an HTTP date, then it becomes milliseconds from now', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(24 * 60 * 60 * 1000);
  });

  it('when a retry is computed, then it grows with the attempt, stays within the cap, and never undercuts Retry-After', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }), (attempt, r, retryAfter) => {
        const delay = retryDelayMs(attempt, policy, () => r, retryAfter);
        const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
        expect(delay).toBeGreaterThanOrEqual(Math.max(retryAfter ?? 0, cap / 2));
        expect(delay).toBeLessThanOrEqual(Math.max(retryAfter ?? 0, cap));
      }),
    );
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(3, policy, () => 0.999999)).toBe(4000);
  });

  it('when the connector answers, then 429, 412, 5xx and network failures are retried, 403 blocks and other 4xx are final', () => {
    expect(classifyDelivery({ ok: true }, now)).toEqual({ kind: 'delivered' });
    expect(classifyDelivery({ ok: false, status: 429, retryAfter: '7', message: '' }, now)).toEqual({ kind: 'retry', retryAfterMs: 7000 });
    for (const status of [412, 500, 502, 503, 504, undefined]) {
      expect(classifyDelivery({ ok: false, ...(status ? { status } : {}), message: '' }, now).kind).toBe('retry');
    }
    expect(classifyDelivery({ ok: false, status: 403, message: 'blocked' }, now)).toEqual({ kind: 'blocked' });
    for (const status of [400, 401, 404, 413]) expect(classifyDelivery({ ok: false, status, message: '' }, now)).toEqual({ kind: 'rejected' });
  });
});
