import type { z } from 'zod';
import type { Decision } from '../domain/nudges';

/**
 * A kind of scheduled work: a nudge, a milestone reminder, a fan-out to a milestone's audience.
 * Adding one (e.g. a reminder about a development plan's activity) is one object registered in
 * src/jobs/index.ts: its payload schema and what running it does. Running must be an idempotent
 * function of `now` and storage: it decides from what is true now (finished? past? quiet hours?).
 */
export interface JobKind<P = Record<string, unknown>> {
  kind: string;
  payload: z.ZodType<P, z.ZodTypeDef, unknown>;
  run(payload: P, context: JobContext): Promise<JobOutcome>;
}

export interface JobContext {
  now: Date;
  /** The item's id (deterministic: the same work has the same id). */
  id: string;
  /**
   * Call right before the one message goes out: records "sending" under this instance's lease, so
   * a crash after it never leads to a second send. Throws if another instance took the item over.
   */
  beginSend(): Promise<void>;
}

export type JobOutcome =
  | { state: 'sent' }
  | { state: 'skipped'; reason: string }
  | { state: 'failed'; reason: string }
  /** Work without a message of its own (e.g. scheduling the deliveries of a fan-out). */
  | { state: 'done'; reason?: string }
  /** Not now (quiet hours): wait until then and decide again. */
  | { state: 'deferred'; until: Date; reason: string };

/** Helps register kinds with different payload types in one list. */
export function jobKind<P>(kind: JobKind<P>): JobKind<unknown> {
  return kind as unknown as JobKind<unknown>;
}

/** What a kind returns when the domain says "not now" or "not at all"; undefined for "send". */
export function notSending(decision: Decision): JobOutcome | undefined {
  if ('skip' in decision) return { state: 'skipped', reason: decision.skip };
  if ('deferUntil' in decision) return { state: 'deferred', until: decision.deferUntil, reason: 'quiet hours' };
  return undefined;
}
