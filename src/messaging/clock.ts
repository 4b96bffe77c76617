/**
 * Time for the outbox: what time it is, and waiting. Injected everywhere so that tests run a
 * day of retries in milliseconds (tests/support/manualClock.ts).
 */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
