/**
 * Sliding-window rate limits, as Microsoft Teams documents them ("at most N requests in any
 * window of W seconds"). Pure: a history of send times in, a decision out. The same function
 * guards one conversation (history shared in Table Storage) and one tenant (history in memory).
 */

/** At most `limit` sends in any window of `windowMs` milliseconds. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/**
 * The earliest time (epoch ms, ≥ now) at which one more send keeps every window within its
 * limit. `history` holds the times of earlier sends, in any order.
 */
export function nextAllowedAt(history: readonly number[], limits: readonly WindowLimit[], now: number): number {
  let earliest = now;
  const newestFirst = [...history].sort((a, b) => b - a);
  for (const { limit, windowMs } of limits) {
    const inWindow = newestFirst.filter((at) => at > now - windowMs);
    if (inWindow.length < limit) continue;
    // The window must slide past the limit-th newest send before another one fits.
    earliest = Math.max(earliest, inWindow[limit - 1]! + windowMs);
  }
  return earliest;
}

/** The sends that can still matter: those within the longest window. */
export function pruneHistory(history: readonly number[], limits: readonly WindowLimit[], now: number): number[] {
  const longest = Math.max(0, ...limits.map((l) => l.windowMs));
  return history.filter((at) => at > now - longest);
}

/**
 * Takes a slot at `now` if every window allows it: `{ history }` with the send added (and old
 * sends dropped), or `{ retryAt }` when the caller must wait.
 */
export function reserveSlot(
  history: readonly number[],
  limits: readonly WindowLimit[],
  now: number,
): { ok: true; history: number[] } | { ok: false; retryAt: number } {
  const allowedAt = nextAllowedAt(history, limits, now);
  if (allowedAt > now) return { ok: false, retryAt: allowedAt };
  return { ok: true, history: [...pruneHistory(history, limits, now), now] };
}

/** `7/1,8/2,60/30,1800/3600` (sends / seconds) → window limits; undefined if malformed. */
export function parseWindowLimits(text: string): WindowLimit[] | undefined {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  const limits: WindowLimit[] = [];
  for (const part of parts) {
    const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!match) return undefined;
    const limit = Number(match[1]);
    const windowMs = Math.round(Number(match[2]) * 1000);
    if (limit < 1 || windowMs < 1) return undefined;
    limits.push({ limit, windowMs });
  }
  return limits.length > 0 ? limits : undefined;
}
