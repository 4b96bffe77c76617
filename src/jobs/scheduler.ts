import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger';
import { ConcurrencyError } from '../storage/entityTable';
import { runLimited } from '../storage/orgRepository';
import type { Claim, ScheduleRepository } from '../storage/scheduleRepository';
import { recordJobRun, recordJobsDue } from '../telemetry';
import type { JobKind, JobOutcome } from './kinds';

/** Work that puts items in the schedule as time passes (e.g. the årshjul for the coming months). */
export interface Planner {
  name: string;
  plan(now: Date): Promise<void>;
}

export interface SchedulerOptions {
  schedule: ScheduleRepository;
  kinds: ReadonlyArray<JobKind<unknown>>;
  planners?: readonly Planner[];
  logger: Logger;
  /** This instance's name in leases (default: host, process and a random part). */
  owner?: string;
  /** How long a claim holds before another instance may take the item over. */
  leaseMs?: number;
  /** Items run per call at most; the rest wait for the next tick. */
  maxPerRun?: number;
  concurrency?: number;
  /** Attempts before an item that keeps throwing (before its send) ends as failed. */
  maxAttempts?: number;
}

export interface RunReport {
  /** Items this call took the lease of and ran. */
  ran: number;
  sent: number;
  skipped: number;
  failed: number;
  done: number;
  deferred: number;
  /** Errors that will be retried. */
  retried: number;
  /** Due items another instance had (or took) the lease of. */
  busy: number;
}

export interface Scheduler {
  /**
   * Runs everything due at `now`: plans, then claims each due item with a lease, runs it and
   * writes its outcome. Items due long ago (downtime) run now; a kind skips what is too late.
   * Several instances may call it at once: each item runs in exactly one of them.
   */
  runDue(now: Date): Promise<RunReport>;
}

class LeaseLostError extends Error {
  constructor(id: string) {
    super(`lease on ${id} was taken over`);
    this.name = 'LeaseLostError';
  }
}

export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { schedule, logger } = options;
  const owner = options.owner ?? defaultOwner();
  const leaseMs = options.leaseMs ?? 120_000;
  const maxPerRun = options.maxPerRun ?? 500;
  const concurrency = options.concurrency ?? 8;
  const maxAttempts = options.maxAttempts ?? 5;
  const kinds = new Map(options.kinds.map((kind) => [kind.kind, kind]));

  type Tally = Exclude<keyof RunReport, 'ran' | 'busy'>;

  /** Runs one claimed item and records its outcome. */
  async function runOne(claim: Claim, now: Date): Promise<Tally> {
    const kind = kinds.get(claim.item.kind);
    const payload = kind?.payload.safeParse(claim.item.payload);
    if (!kind || !payload?.success) {
      const reason = !kind ? `unknown job kind "${claim.item.kind}"` : `bad payload: ${payload!.error!.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
      await schedule.finish(claim, 'failed', reason);
      return 'failed';
    }
    let current = claim;
    let sending = false;
    try {
      const outcome = await kind.run(payload.data, {
        now,
        id: claim.item.id,
        beginSend: async () => {
          try {
            current = await schedule.markSending(current);
            sending = true;
          } catch (error) {
            if (error instanceof ConcurrencyError) throw new LeaseLostError(claim.item.id);
            throw error;
          }
        },
      });
      await record(current, outcome);
      return outcome.state;
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      // After "sending" the message may have left: at most once means no retry (the outbox behind
      // the sender does the retrying). Before it, try again later with a growing pause.
      const outcome: JobOutcome =
        sending || current.item.attempts >= maxAttempts
          ? { state: 'failed', reason }
          : { state: 'deferred', until: new Date(now.getTime() + 60_000 * 2 ** current.item.attempts), reason: `retry after error: ${reason}` };
      logger.warn({ err: error, id: claim.item.id, outcome: outcome.state }, 'scheduled job failed');
      await record(current, outcome);
      return outcome.state === 'deferred' ? 'retried' : outcome.state;
    }
  }

  async function record(claim: Claim, outcome: JobOutcome): Promise<void> {
    if (outcome.state === 'deferred') await schedule.defer(claim, outcome.until, outcome.reason);
    else await schedule.finish(claim, outcome.state, 'reason' in outcome ? outcome.reason : undefined);
  }

  return {
    async runDue(now) {
      const report: RunReport = { ran: 0, sent: 0, skipped: 0, failed: 0, done: 0, deferred: 0, retried: 0, busy: 0 };
      for (const planner of options.planners ?? []) {
        try {
          await planner.plan(now);
        } catch (error) {
          logger.error({ err: error, planner: planner.name }, 'planning failed; the next tick tries again');
        }
      }
      // A fan-out schedules deliveries due now: a few passes send them in the same call.
      const tried = new Set<string>();
      for (let pass = 0; pass < 4 && report.ran < maxPerRun; pass++) {
        const due = (await schedule.dueIds(now, maxPerRun - report.ran + tried.size)).filter((d) => !tried.has(d.id));
        if (pass === 0) recordJobsDue(due.length);
        if (due.length === 0) break;
        await runLimited(due.slice(0, maxPerRun - report.ran), concurrency, async ({ id, dueAt }) => {
          tried.add(id);
          const claim = await schedule.claim(id, owner, now, leaseMs);
          if (!claim) {
            report.busy++;
            return;
          }
          report.ran++;
          try {
            const outcome = await runOne(claim, now);
            report[outcome]++;
            recordJobRun({ kind: claim.item.kind, outcome, latenessMs: now.getTime() - Date.parse(dueAt) });
          } catch (error) {
            if (!(error instanceof LeaseLostError) && !(error instanceof ConcurrencyError)) throw error;
            report.busy++;
            report.ran--;
          }
        });
      }
      if (report.ran > 0 || report.failed > 0) logger.info({ report }, 'scheduled jobs ran');
      return report;
    },
  };
}
