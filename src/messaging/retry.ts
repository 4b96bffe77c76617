import type { DeliveryResult } from './delivery';

/**
 * What to do after a delivery attempt, as pure functions: classify the connector's answer,
 * parse `Retry-After`, and compute the exponential backoff with jitter.
 *
 * Microsoft's guidance for Teams bots: retry 429 (with exponential backoff and random jitter),
 * 412, 502 and 504; we retry every 5xx and network failures too. A 403 means the bot may no
 * longer write to this conversation (the user blocked or uninstalled it): never retried.
 */

export interface BackoffPolicy {
  /** The first retry waits about this long; each further one doubles it. */
  baseMs: number;
  /** No computed wait is longer than this (a server's Retry-After may be). */
  maxMs: number;
}

/** A Retry-After longer than this is treated as this (a day): a bad header must not park a message for ever. */
const longestRetryAfterMs = 24 * 60 * 60 * 1000;

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds ("120", "1.5") or an HTTP date.
 * Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(longestRetryAfterMs, Math.round(Number(text) * 1000));
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(longestRetryAfterMs, Math.max(0, date - now));
}

/**
 * The wait before retry number `attempt` (1 = first retry): "equal jitter" exponential backoff,
 * between half and all of min(maxMs, baseMs·2^(attempt−1)), so that many messages failing at
 * once do not come back at once. Never shorter than the server's Retry-After.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const backoff = Math.round(cap / 2 + random() * (cap / 2));
  return Math.max(retryAfterMs ?? 0, backoff);
}

export type DeliveryVerdict =
  | { kind: 'delivered' }
  /** Try again later (429, 412, 5xx, network). */
  | { kind: 'retry'; retryAfterMs?: number }
  /** The recipient blocked or removed the bot: stop everything for this conversation. */
  | { kind: 'blocked' }
  /** The request itself is wrong (400, 404, 413, ...): retrying cannot help. */
  | { kind: 'rejected' };

export function classifyDelivery(result: DeliveryResult, now: number): DeliveryVerdict {
  if (result.ok) return { kind: 'delivered' };
  const status = result.status;
  if (status === 403) return { kind: 'blocked' };
  if (status === undefined || status === 429 || status === 412 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(result.retryAfter, now);
    return retryAfterMs === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterMs };
  }
  return { kind: 'rejected' };
}
