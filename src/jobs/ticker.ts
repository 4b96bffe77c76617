import type { Logger } from '../logger';

export interface Ticker {
  /** Stops ticking and waits for a run in progress to end. */
  stop(): Promise<void>;
}

/**
 * Calls `run` every `intervalMs`, plus up to `jitterMs` at random so that instances started
 * together do not tick together. A run never overlaps the previous one; a failed run is logged and
 * the next tick tries again (everything it does is in storage, so nothing is lost).
 */
export function startTicker(options: { intervalMs: number; jitterMs: number; run: () => Promise<unknown>; logger: Logger }): Ticker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, options.intervalMs + Math.random() * options.jitterMs);
    timer.unref();
  };
  const tick = () => {
    running = options
      .run()
      .then(() => undefined)
      .catch((error: unknown) => options.logger.error({ err: error }, 'scheduled jobs tick failed'))
      .finally(schedule);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
