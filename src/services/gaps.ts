import { assertAllowed, isAllowed } from '../domain/authorization';
import { activitiesForGroups, type Activity, type Competence, type DomainData, groupsWithCompetences } from '../domain/catalogue';
import { NotAllowedError, NotFoundError } from '../domain/errors';
import {
  type CompetenceFigure, departmentGroup, groupFigures, municipalityGroup, orgGroups, type Respondent, visibility,
} from '../domain/gaps';
import { withDepartmentCompetences } from '../domain/profile';
import type { Repositories } from '../storage';
import { subjectOf } from './department';
import type { Member } from './identity';

export interface GapLine {
  competence: Competence;
  /** Undefined when the figures may not be shown (too few respondents, or they would let a few be worked out). */
  figure?: CompetenceFigure;
}

export interface GapSummary {
  /** A department id, or undefined for the whole municipality. */
  departmentId?: string;
  name: string;
  cycle: string;
  threshold: number;
  /** Undefined when even the count may not be shown. */
  respondents?: number;
  lines: GapLine[];
  /** The largest shown gaps, with learning forms that fit them. */
  largest: Array<{ line: GapLine; activities: Activity[] }>;
}

/**
 * Everyone's ratings of each cycle, as respondents in their present department and job group:
 * the people once and the ratings of every cycle in one query (each is a scan of a whole table).
 */
async function respondentsOf(repos: Repositories, cycles: readonly string[]): Promise<(cycle: string) => Respondent[]> {
  const [people, ratings] = await Promise.all([repos.org.listPeople(), repos.preparations.listRatingsOf(cycles)]);
  return (cycle) => {
    const ofCycle = ratings.get(cycle) ?? new Map();
    return people.flatMap((p) => {
      const r = ofCycle.get(p.id.toLowerCase());
      return p.active && r ? [{ personId: p.id, departmentId: p.departmentId, jobGroup: p.jobGroup, self: r.self, ...(r.leader ? { leader: r.leader } : {}) }] : [];
    });
  };
}

/**
 * The gap summary of a department (for its leaders, and HR) or of the whole municipality (HR):
 * present against desired per competence, only where the anonymity rules allow — worked out over
 * the whole organisation, so that no two figures anyone can see subtract to a few people; a trend
 * only where last cycle's figure could be shown too.
 */
export async function gapSummary(
  repos: Repositories, data: DomainData, member: Member, departmentId: string | undefined, cycle: string, threshold: number,
): Promise<GapSummary> {
  const subject = await subjectOf(repos, member);
  const hr = isAllowed(subject, { action: 'view-municipality-aggregates' });
  if (departmentId === undefined) assertAllowed(subject, { action: 'view-municipality-aggregates' });
  else if (!hr) assertAllowed(subject, { action: 'view-department-status', departmentId });
  const department = departmentId ? await repos.org.getDepartment(departmentId) : undefined;
  if (departmentId && !department) throw new NotFoundError(`department ${departmentId}`);
  if (departmentId === undefined && !hr) throw new NotAllowedError('view-municipality-aggregates');

  const previousCycle = String(Number(cycle) - 1);
  const [units, respondents, profile] = await Promise.all([
    repos.org.listDepartments(),
    respondentsOf(repos, [cycle, previousCycle]),
    departmentId ? repos.departmentSettings.getProfile(departmentId, cycle) : Promise.resolve(undefined),
  ]);
  const [now, before] = [respondents(cycle), respondents(previousCycle)];
  const competences = withDepartmentCompetences(groupsWithCompetences(data.competenceModel, 'employee'), profile?.competences ?? []).flatMap((g) => g.competences);
  const ids = competences.map((c) => c.id);
  const groupId = departmentId ? departmentGroup(departmentId) : municipalityGroup;
  const groups = orgGroups(units, now);
  const shown = visibility(groups, ids, threshold);
  const previous = orgGroups(units, before);
  const shownBefore = visibility(previous, ids, threshold);

  const figures = groupFigures(groups.members.get(groupId) ?? [], ids, data.competenceModel.scale.levels.length, profile?.desired ?? {}, previous.members.get(groupId) ?? []);
  const lines: GapLine[] = competences.map((competence, i) => {
    if (!shown.byCompetence.get(competence.id)?.has(groupId)) return { competence };
    const { trend, ...figure } = figures.competences[i]!;
    const trendShown = trend !== undefined && shownBefore.byCompetence.get(competence.id)?.has(groupId);
    return { competence, figure: trendShown ? { ...figure, trend } : figure };
  });
  const largest = lines
    .filter((l) => l.figure?.gap !== undefined && l.figure.gap > 0)
    .sort((a, b) => b.figure!.gap! - a.figure!.gap!)
    .slice(0, 3)
    .map((line) => ({
      line,
      activities: activitiesForGroups(data.activityCatalogue, [line.competence.groupId])
        .sort((a, b) => Number(b.suitsCompetences?.includes(line.competence.id) ?? false) - Number(a.suitsCompetences?.includes(line.competence.id) ?? false))
        .slice(0, 3),
    }));
  return {
    ...(departmentId ? { departmentId } : {}),
    name: department?.name ?? '',
    cycle, threshold,
    ...(shown.groups.has(groupId) ? { respondents: figures.respondents } : {}),
    lines, largest,
  };
}

export interface DepartmentOverview {
  departmentId: string;
  name: string;
  /** Undefined where the count may not be shown. */
  respondents?: number;
  /** The largest shown gap, if any. */
  largest?: { competence: Competence; gap: number };
}

/**
 * HR's view of the year for the MED-udvalg / Hovedudvalget discussion: per department, how many
 * rated and the largest gap — under the same anonymity rules as every other figure (the
 * municipality's competence model only; departments' own competences stay with them).
 */
export async function departmentOverview(repos: Repositories, data: DomainData, member: Member, cycle: string, threshold: number): Promise<DepartmentOverview[]> {
  assertAllowed(await subjectOf(repos, member), { action: 'view-municipality-aggregates' });
  const [units, respondents] = await Promise.all([repos.org.listDepartments(), respondentsOf(repos, [cycle])]);
  const now = respondents(cycle);
  const competences = groupsWithCompetences(data.competenceModel, 'employee').flatMap((g) => g.competences);
  const ids = competences.map((c) => c.id);
  const groups = orgGroups(units, now);
  const shown = visibility(groups, ids, threshold);
  const levels = data.competenceModel.scale.levels.length;
  const out: DepartmentOverview[] = [];
  for (const unit of [...units].sort((a, b) => a.name.localeCompare(b.name, 'da'))) {
    const groupId = departmentGroup(unit.id);
    const desired = (await repos.departmentSettings.getProfile(unit.id, cycle))?.desired ?? {};
    const figures = groupFigures(groups.members.get(groupId) ?? [], ids, levels, desired);
    const gaps = figures.competences
      .map((f, i) => ({ competence: competences[i]!, gap: f.gap }))
      .filter((g): g is { competence: Competence; gap: number } => g.gap !== undefined && g.gap > 0 && (shown.byCompetence.get(g.competence.id)?.has(groupId) ?? false))
      .sort((a, b) => b.gap - a.gap);
    out.push({
      departmentId: unit.id, name: unit.name,
      ...(shown.groups.has(groupId) ? { respondents: figures.respondents } : {}),
      ...(gaps[0] ? { largest: gaps[0] } : {}),
    });
  }
  return out;
}

export interface UnitFigures {
  /** A department id, or undefined for the whole municipality. */
  departmentId?: string;
  name: string;
  /** Undefined where the count may not be shown. */
  respondents?: number;
  lines: GapLine[];
}

/**
 * The year's figures per department and for the whole municipality (HR; the MED-udvalg's and
 * Hovedudvalget's annual discussion, and its export): every competence of the municipality's
 * model, under the same anonymity rules as every card — worked out once for the organisation.
 */
export async function municipalityFigures(repos: Repositories, data: DomainData, member: Member, cycle: string, threshold: number): Promise<UnitFigures[]> {
  assertAllowed(await subjectOf(repos, member), { action: 'view-municipality-aggregates' });
  const previousCycle = String(Number(cycle) - 1);
  const [units, respondents] = await Promise.all([repos.org.listDepartments(), respondentsOf(repos, [cycle, previousCycle])]);
  const competences = groupsWithCompetences(data.competenceModel, 'employee').flatMap((g) => g.competences);
  const ids = competences.map((c) => c.id);
  const groups = orgGroups(units, respondents(cycle));
  const previous = orgGroups(units, respondents(previousCycle));
  const shown = visibility(groups, ids, threshold);
  const shownBefore = visibility(previous, ids, threshold);
  const levels = data.competenceModel.scale.levels.length;
  const figuresOf = async (groupId: string, departmentId: string | undefined, name: string): Promise<UnitFigures> => {
    const desired = departmentId ? (await repos.departmentSettings.getProfile(departmentId, cycle))?.desired ?? {} : {};
    const figures = groupFigures(groups.members.get(groupId) ?? [], ids, levels, desired, previous.members.get(groupId) ?? []);
    const lines = competences.map((competence, i): GapLine => {
      if (!shown.byCompetence.get(competence.id)?.has(groupId)) return { competence };
      const { trend, ...figure } = figures.competences[i]!;
      return { competence, figure: trend !== undefined && shownBefore.byCompetence.get(competence.id)?.has(groupId) ? { ...figure, trend } : figure };
    });
    return { ...(departmentId ? { departmentId } : {}), name, ...(shown.groups.has(groupId) ? { respondents: figures.respondents } : {}), lines };
  };
  const sorted = [...units].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  return [await figuresOf(municipalityGroup, undefined, ''), ...(await Promise.all(sorted.map((u) => figuresOf(departmentGroup(u.id), u.id, u.name))))];
}
