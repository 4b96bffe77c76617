import { assertAllowed, isAllowed, type Subject } from '../domain/authorization';
import { activitiesForGroups, type Activity, type Competence, type DomainData, groupsWithCompetences } from '../domain/catalogue';
import { NotAllowedError, NotFoundError } from '../domain/errors';
import type { LevelStats } from '../domain/gaps';
import { leaderKind, selfKind } from '../domain/releases';
import { withDepartmentCompetences } from '../domain/profile';
import type { Repositories } from '../storage';
import type { GroupPayload, StoredGroupRelease } from '../storage/releaseRepository';
import { subjectOf } from './department';
import type { Member } from './identity';
import { groupOf } from './releases';

/**
 * What leaders, HR, channels and exports see of the gaps: released figures only
 * (src/services/releases.ts makes them). Opening a summary is a point read of the group's newest
 * release (and the department's profile, for the desired levels in force now): nobody's ratings
 * are read on a click, and what is shown only changes when a release says so.
 */

/** One competence's released figures, with the desired level and the gap against it. */
export interface CompetenceFigure {
  competenceId: string;
  desired?: number;
  self: LevelStats;
  leader?: LevelStats;
  /** desired − present (self), where both exist; positive = below the wish. */
  gap?: number;
  /** present − last cycle's released present, where both were released. */
  trend?: number;
  /** When the release these figures come from was made (ISO). */
  since: string;
}

export interface GapLine {
  competence: Competence;
  /** Undefined where no figure has been released (too few have rated, or it would single a few out). */
  figure?: CompetenceFigure;
}

export interface GapSummary {
  /** A department id, or undefined for the whole municipality. */
  departmentId?: string;
  name: string;
  cycle: string;
  threshold: number;
  /** The newest release the figures were read from; undefined before the cycle's first release. */
  release?: { number: number; at: string };
  /** How many in the group had rated themselves at that release (a count, not a figure). */
  answered: number;
  lines: GapLine[];
  /** The largest shown gaps, with learning forms that fit them. */
  largest: Array<{ line: GapLine; activities: Activity[] }>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The lines of a released group for a list of competences and the desired levels to hold them against. */
function linesOf(released: GroupPayload | undefined, competences: readonly Competence[], desired: Readonly<Record<string, number>>): GapLine[] {
  return competences.map((competence) => {
    const self = released?.figures[selfKind(competence.id)];
    if (!self) return { competence };
    const { release: _r, ...selfStats } = self;
    const leader = released!.figures[leaderKind(competence.id)];
    const wish = desired[competence.id];
    const trend = released!.trend[competence.id];
    return {
      competence,
      figure: {
        competenceId: competence.id,
        self: selfStats,
        since: released!.releasedAt[String(self.release)] ?? '',
        ...(leader ? { leader: { respondents: leader.respondents, mean: leader.mean, distribution: leader.distribution } } : {}),
        ...(wish !== undefined ? { desired: wish, gap: round2(wish - self.mean) } : {}),
        ...(trend !== undefined ? { trend } : {}),
      },
    };
  });
}

function largestOf(data: DomainData, lines: readonly GapLine[]): GapSummary['largest'] {
  return lines
    .filter((l) => l.figure?.gap !== undefined && l.figure.gap > 0)
    .sort((a, b) => b.figure!.gap! - a.figure!.gap! || a.competence.id.localeCompare(b.competence.id))
    .slice(0, 3)
    .map((line) => ({
      line,
      activities: activitiesForGroups(data.activityCatalogue, [line.competence.groupId])
        .sort((a, b) => Number(b.suitsCompetences?.includes(line.competence.id) ?? false) - Number(a.suitsCompetences?.includes(line.competence.id) ?? false))
        .slice(0, 3),
    }));
}

/**
 * The gap summary of a department (for its leaders, and HR) or of the whole municipality (HR):
 * the released present level against the desired one per competence, with the trend against last
 * cycle's released figures. One point read of the group's newest release (which holds the
 * department's name and the profile in force when it was made), side by side with what the
 * permission needs; nothing is returned before the permission is checked.
 */
export async function gapSummary(
  repos: Repositories, data: DomainData, member: Member, departmentId: string | undefined, cycle: string, threshold: number,
): Promise<GapSummary> {
  return (await readSummary(repos, data, member, departmentId, cycle, threshold)).summary;
}

/** Who may read a summary: a department's leaders and HR (the municipality's: HR). */
function leadersAndHr(subject: Subject, departmentId: string | undefined): void {
  const hr = isAllowed(subject, { action: 'view-municipality-aggregates' });
  if (departmentId === undefined && !hr) throw new NotAllowedError('view-municipality-aggregates');
  if (departmentId !== undefined && !hr) assertAllowed(subject, { action: 'view-department-status', departmentId });
}

/** Who may read a summary read-only: the area's MED members and TRs, Hovedudvalget and HR. */
export function followersOfArea(subject: Subject, departmentId: string | undefined): void {
  assertAllowed(subject, departmentId === undefined ? { action: 'view-area-figures' } : { action: 'view-area-figures', departmentId });
}

export async function readSummary(
  repos: Repositories, data: DomainData, member: Member, departmentId: string | undefined, cycle: string, threshold: number,
  check: (subject: Subject, departmentId: string | undefined) => void = leadersAndHr,
): Promise<{ summary: GapSummary; released: StoredGroupRelease | undefined }> {
  const [subject, released] = await Promise.all([subjectOf(repos, member), repos.releases.current(cycle, groupOf(departmentId))]);
  check(subject, departmentId);
  // Before the first release that knows the department: its name and profile as they are.
  const [department, profile] = departmentId && !released
    ? await Promise.all([repos.org.getDepartment(departmentId), repos.departmentSettings.getProfile(departmentId, cycle)])
    : [undefined, undefined];
  if (departmentId && !released && !department) throw new NotFoundError(`department ${departmentId}`);
  const own = released ? released.competences : profile?.competences ?? [];
  const competences = withDepartmentCompetences(groupsWithCompetences(data.competenceModel, 'employee'), own).flatMap((g) => g.competences);
  const lines = linesOf(released, competences, released?.desired ?? profile?.desired ?? {});
  const summary: GapSummary = {
    ...(departmentId ? { departmentId } : {}),
    name: released?.name ?? department?.name ?? '',
    cycle, threshold,
    ...(released ? { release: { number: released.release, at: released.at } } : {}),
    answered: released?.answered ?? 0,
    lines, largest: largestOf(data, lines),
  };
  return { summary, released };
}

export interface DepartmentOverview {
  departmentId: string;
  name: string;
  /** How many had rated themselves at the release. */
  answered: number;
  /** The largest released gap, if any. */
  largest?: { competence: Competence; gap: number };
}

/**
 * HR's view of the year for the MED-udvalg / Hovedudvalget discussion: the municipality's gap
 * summary and, per department, how many rated and the largest released gap — all in the
 * municipality's release row, one point read.
 */
export async function municipalityView(repos: Repositories, data: DomainData, member: Member, cycle: string, threshold: number): Promise<{ summary: GapSummary; departments: DepartmentOverview[] }> {
  const { summary, released } = await readSummary(repos, data, member, undefined, cycle, threshold);
  return { summary, departments: overviewOf(data, released) };
}

export function overviewOf(data: DomainData, released: GroupPayload | undefined): DepartmentOverview[] {
  const byId = new Map(groupsWithCompetences(data.competenceModel, 'employee').flatMap((g) => g.competences).map((c) => [c.id, c]));
  return (released?.overview ?? []).map((d) => {
    const competence = d.largest ? byId.get(d.largest.competenceId) : undefined;
    return { departmentId: d.departmentId, name: d.name, answered: d.answered, ...(competence ? { largest: { competence, gap: d.largest!.gap } } : {}) };
  });
}

export interface UnitFigures {
  /** A department id, or undefined for the whole municipality. */
  departmentId?: string;
  name: string;
  answered: number;
  lines: GapLine[];
}

/**
 * The newest release's figures per department and for the whole municipality (HR; the
 * MED-udvalg's and Hovedudvalget's annual discussion, and its export): the municipality's model,
 * against the desired levels in force at the release.
 */
export async function municipalityFigures(repos: Repositories, data: DomainData, member: Member, cycle: string): Promise<{ release?: { number: number; at: string }; units: UnitFigures[] }> {
  assertAllowed(await subjectOf(repos, member), { action: 'view-municipality-aggregates' });
  const latest = await repos.releases.latest(cycle);
  if (!latest) return { units: [] };
  const groups: StoredGroupRelease[] = await repos.releases.groupsOfRelease(cycle, latest.release);
  const competences = groupsWithCompetences(data.competenceModel, 'employee').flatMap((g) => g.competences);
  const unit = (g: StoredGroupRelease): UnitFigures => ({
    ...(g.departmentId ? { departmentId: g.departmentId } : {}), name: g.name, answered: g.answered, lines: linesOf(g, competences, g.desired),
  });
  const municipality = groups.find((g) => !g.departmentId);
  const departments = groups.filter((g) => g.departmentId).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  return { release: { number: latest.release, at: latest.at }, units: [...(municipality ? [unit(municipality)] : []), ...departments.map(unit)] };
}
