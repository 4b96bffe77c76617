import type { AppConfig } from '../config';
import type { DomainData } from '../domain/catalogue';
import type { NudgePolicy } from '../domain/nudges';
import type { Logger } from '../logger';
import type { Repositories } from '../storage';
import type { ReminderMessenger } from './messages';
import { aarshjulPlanner, milestoneFanOutJob, milestoneReminderJob } from './milestones';
import { musNudgeJob, type OpenedRound, scheduleRoundNudges } from './musNudges';
import { planEffectJob } from './planFollowUps';
import { grusDeadlineJob } from './grusDeadline';
import { defaultAnonymityThreshold, defaultRetentionYears } from '../config';
import { erasureJob, privacyPlanner, retentionJob } from './privacy';
import { createScheduler, type Planner, type Scheduler } from './scheduler';
import { activityRetentionDays } from '../storage/activityRepository';
import { releaseJob, releasePlanner } from './releases';
import { defaultOwner } from './scheduler';
import type { GraphClient } from '../graph/graphClient';
import type { EntraMapping } from '../domain/entraMapping';
import { entraSyncJob, entraSyncPlanner } from './entraSync';

export interface JobsDeps {
  repos: Repositories;
  domainData: DomainData;
  messenger: ReminderMessenger;
  policy: NudgePolicy;
  logger: Logger;
  /** The anonymity threshold (GRUS results at their deadline); the configuration's default if absent. */
  anonymityThreshold?: number;
  /** Plan the årshjul's reminders (off in tests that look at nudges only). */
  aarshjul?: boolean;
  /**
   * Full years a cycle's data is kept after its year ends (RETENTION_YEARS). The composition root
   * always sets it; without it the GDPR housekeeping (retention, resuming cut-off erasures) is not
   * planned, for tests that count the work of other kinds.
   */
  retentionYears?: number;
  /**
   * Plan the working morning's release of figures. The composition root always sets it; without
   * it only releases asked for (HR, a round's deadline) are made, for tests that count other work.
   */
  releases?: boolean;
  owner?: string;
  leaseMs?: number;
  /** The organisation synced from Entra ID every `everyMinutes` (ENTRA_SYNC=on). */
  entraSync?: { graph: GraphClient; mapping: EntraMapping; everyMinutes: number };
}

export interface Jobs extends Scheduler {
  /** Plans the nudges of a MUS round that was just started or moved. */
  scheduleRoundNudges(round: OpenedRound): Promise<void>;
}

/** Every kind of scheduled work, registered in one place; a new kind is one more entry. */
export function createJobs(deps: JobsDeps): Jobs {
  const base = { repos: deps.repos, domainData: deps.domainData, window: deps.policy.window };
  const scheduler = createScheduler({
    schedule: deps.repos.schedule,
    logger: deps.logger,
    kinds: [
      musNudgeJob({ ...deps }), milestoneFanOutJob(base), milestoneReminderJob({ ...base, messenger: deps.messenger }),
      planEffectJob({ ...base, messenger: deps.messenger }),
      grusDeadlineJob({ ...base, messenger: deps.messenger, threshold: deps.anonymityThreshold ?? defaultAnonymityThreshold }),
      retentionJob({ repos: deps.repos, retentionYears: deps.retentionYears ?? defaultRetentionYears, logger: deps.logger }), erasureJob({ repos: deps.repos }),
      releaseJob({ ...base, messenger: deps.messenger, threshold: deps.anonymityThreshold ?? defaultAnonymityThreshold, owner: deps.owner ?? defaultOwner() }),
      ...(deps.entraSync ? [entraSyncJob({ ...deps.entraSync, repos: deps.repos, messenger: deps.messenger, owner: deps.owner ?? defaultOwner() })] : []),
    ],
    planners: [
      activityCleanup(deps.repos), ...(deps.aarshjul === false ? [] : [aarshjulPlanner(base)]), ...(deps.retentionYears === undefined ? [] : [privacyPlanner(deps.repos)]),
      ...(deps.releases ? [releasePlanner(deps.repos, deps.policy.window)] : []),
      ...(deps.entraSync ? [entraSyncPlanner(deps.repos, deps.entraSync.everyMinutes)] : []),
    ],
    ...(deps.owner ? { owner: deps.owner } : {}),
    ...(deps.leaseMs ? { leaseMs: deps.leaseMs } : {}),
  });
  return {
    runDue: (now) => scheduler.runDue(now),
    scheduleRoundNudges: (round) => scheduleRoundNudges(deps.repos, deps.policy, round),
  };
}

/** The nudge policy from the configuration and the årshjul's time zone. */
export function nudgePolicyOf(config: Pick<AppConfig, 'reminders'>, domainData: DomainData): NudgePolicy {
  return {
    maxNudges: config.reminders.maxNudges,
    minHoursAfterStart: 24,
    window: { timeZone: domainData.aarshjul.timezone, startHour: config.reminders.sendFromHour, endHour: config.reminders.sendUntilHour, danishHolidays: true },
  };
}

/** Deletes the record of handled activities (redelivery de-duplication) after a few days. */
function activityCleanup(repos: Repositories): Planner {
  return {
    name: 'activity-cleanup',
    plan: async (now) => {
      await repos.activities.deleteReceivedBefore(new Date(now.getTime() - activityRetentionDays * 86_400_000));
    },
  };
}
