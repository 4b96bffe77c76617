import { z } from 'zod';
import type { Logger } from '../logger';
import type { Repositories } from '../storage';
import { jobKind, type JobKind } from './kinds';
import type { Planner } from './scheduler';

/**
 * GDPR work on the durable schedule:
 * - retention: once a day (item `retention|<UTC date>`), everything of cycles older than
 *   `RETENTION_YEARS` is deleted (src/storage/retention.ts) — a function of the day alone, so a
 *   missed day is caught up by the next and running twice deletes nothing more;
 * - erasures a crash or storage fault cut off: a request still pending ten minutes after it was
 *   made gets an item `erasure|<erasure id>` that finishes it (retried by the scheduler).
 */
export const retentionKind = 'retention';
export const erasureKind = 'erasure';
const erasureGraceMs = 10 * 60_000;

export const retentionId = (now: Date) => `retention|${now.toISOString().slice(0, 10)}`;

export function privacyPlanner(repos: Repositories): Planner {
  return {
    name: 'privacy',
    async plan(now) {
      await repos.schedule.schedule({ id: retentionId(now), kind: retentionKind, dueAt: now, payload: {} });
      for (const { erasureId, request } of await repos.erasure.pending()) {
        if (now.getTime() - Date.parse(request.requestedAt) < erasureGraceMs) continue;
        await repos.schedule.schedule({ id: `erasure|${erasureId}`, kind: erasureKind, dueAt: now, payload: { erasureId } });
      }
    },
  };
}

export function retentionJob(deps: { repos: Repositories; retentionYears: number; logger: Logger }): JobKind<unknown> {
  return jobKind({
    kind: retentionKind,
    payload: z.object({}),
    async run(_payload, { now }) {
      const report = await deps.repos.retention.purge(now, deps.retentionYears);
      const deleted = Object.values(report.deleted).reduce((sum, n) => sum + (n ?? 0), 0);
      if (deleted) deps.logger.info({ report }, 'retention: old cycles deleted');
      return { state: 'done', reason: `kept from ${report.cutoffYear}; deleted ${deleted} rows` };
    },
  });
}

export function erasureJob(deps: { repos: Repositories }): JobKind<unknown> {
  return jobKind({
    kind: erasureKind,
    payload: z.object({ erasureId: z.string() }),
    async run({ erasureId }) {
      await deps.repos.erasure.erase(erasureId);
      return { state: 'done', reason: 'erasure finished' };
    },
  });
}
