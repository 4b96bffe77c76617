import { type LeaderYear, leaderYear, occurrencesOf } from '../domain/aarshjul';
import type { DomainData, MilestoneKind } from '../domain/catalogue';
import { localDate, type SendWindow } from '../domain/quietHours';
import type { Repositories } from '../storage';
import { effectiveAarshjul } from './aarshjul';
import type { Member } from './identity';

/** Milestones whose action the bot can see done; the others are never called overdue. */
const checkableKinds: readonly MilestoneKind[] = ['profile-review', 'mus-season-opens'];

export interface YourYear extends LeaderYear {
  departmentId: string;
  departmentName: string;
}

/**
 * "Your year" for a leader: the next milestones (into next year when this one is nearly over) and
 * the overdue ones whose action is not done — the profile not reviewed, the MUS round not started.
 * For the first department the leader leads (its overrides of the årshjul apply).
 */
export async function yourYear(repos: Repositories, data: DomainData, member: Member, now: Date, window: SendWindow): Promise<YourYear> {
  const departmentId = member.person.leaderOf[0]!;
  const year = Number(localDate(now, data.aarshjul.timezone).slice(0, 4));
  const aarshjul = await effectiveAarshjul(repos, data);
  const occurrences = [year, year + 1]
    .flatMap((cycle) => occurrencesOf(aarshjul, cycle, window, departmentId))
    .map((o) => ({ ...o, key: `${o.cycle}:${o.key}` }));
  const cycle = String(year);
  const [profileDone, round, department] = await Promise.all([
    repos.departmentSettings.hasOwnProfile(departmentId, cycle),
    repos.rounds.get(departmentId, cycle),
    repos.org.getDepartment(departmentId),
  ]);
  const done = new Set(occurrences.filter((o) => {
    if (!checkableKinds.includes(o.milestone.kind) || o.cycle !== cycle) return true;
    return o.milestone.kind === 'profile-review' ? profileDone : round !== undefined;
  }).map((o) => o.key));
  return { departmentId, departmentName: department?.name ?? departmentId, ...leaderYear(occurrences, localDate(now, data.aarshjul.timezone), done) };
}
