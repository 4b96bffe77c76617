import type { Clock } from '../../src/messaging/clock';

/**
 * A clock for tests that only moves when told to, or when someone sleeps: a sleep moves time to
 * its end at once (concurrent sleepers move it to the latest of their ends, as real time would).
 */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(at: Date): void;
}

export function manualClock(start = new Date('2026-03-02T09:00:00Z')): ManualClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    async sleep(ms) {
      const end = now + Math.max(0, ms);
      await new Promise((resolve) => setImmediate(resolve));
      now = Math.max(now, end);
    },
    advance(ms) {
      now += ms;
    },
    set(at) {
      now = at.getTime();
    },
  };
}
