import { assertAllowed } from '../domain/authorization';
import { type Competence, type DomainData, groupsWithCompetences } from '../domain/catalogue';
import { NotFoundError } from '../domain/errors';
import { type Department, departmentAndDescendants } from '../domain/org';
import { withDepartmentCompetences } from '../domain/profile';
import type { Repositories } from '../storage';
import type { ActionPlan } from '../storage/actionPlanRepository';
import type { AuditKind } from '../storage/auditRepository';
import { recordReads } from './audit';
import { subjectOf } from './department';
import { type DepartmentOverview, followersOfArea, type GapSummary, overviewOf, readSummary } from './gaps';
import type { Member } from './identity';
import { groupOf } from './releases';

/**
 * What the MED-udvalg, Hovedudvalget and the tillidsrepræsentanter read: the released figures of
 * their area (the same release rows the leaders' cards read — never anyone's ratings, never more
 * than a release shows) and the approved version of each department's action plan, read-only.
 * Every read is recorded in the audit log before it is returned.
 */

/** An area followed: a local MED-udvalg's area, a TR's department, or the whole municipality (Hovedudvalget). */
export interface FollowedArea {
  role: 'med' | 'tr' | 'hovedudvalg';
  /** The area's top department; undefined for the whole municipality. */
  departmentId?: string;
  name: string;
  /** Its released overview line (how many rated, the largest gap), where a release has it. */
  overview?: DepartmentOverview;
}

export interface AreaOverview {
  cycle: string;
  areas: FollowedArea[];
  /** Every department in the areas, for choosing one (top departments first, then by name). */
  departments: Department[];
  /** Departments of the areas with an approved action plan this cycle. */
  approvedPlans: Array<{ departmentId: string; name: string; version: number; approvedAt: string }>;
}

/** The audit log's subject for a department's (or the municipality's) figures and plans. */
export const areaSubject = (departmentId: string | undefined) => (departmentId ? `department:${departmentId}` : 'municipality');

async function recordAreaRead(repos: Repositories, member: Member, departmentId: string | undefined, kind: AuditKind, detail: string): Promise<void> {
  await recordReads(repos, member, [areaSubject(departmentId)], kind, detail);
}

/** The areas a person follows as MED member, TR or member of Hovedudvalget. */
function areasOf(member: Member, tree: readonly Department[]): Array<{ role: FollowedArea['role']; departmentId?: string }> {
  const { person } = member;
  const known = new Set(tree.map((d) => d.id));
  return [
    ...(person.hovedudvalg ? [{ role: 'hovedudvalg' as const }] : []),
    ...person.medAreas.filter((id) => known.has(id)).map((departmentId) => ({ role: 'med' as const, departmentId })),
    ...person.trFor.filter((id) => known.has(id)).map((departmentId) => ({ role: 'tr' as const, departmentId })),
  ];
}

/** `mit område`: the areas, their released overview lines and the approved action plans. */
export async function areaOverview(repos: Repositories, data: DomainData, member: Member, cycle: string, municipalityName: string): Promise<AreaOverview> {
  const [subject, tree, municipality] = await Promise.all([
    subjectOf(repos, member), repos.org.listDepartments(), repos.releases.current(cycle, groupOf(undefined)),
  ]);
  const followed = areasOf(member, tree);
  for (const area of followed) followersOfArea(subject, area.departmentId);
  const byId = new Map(tree.map((d) => [d.id, d]));
  const overview = new Map(overviewOf(data, municipality).map((o) => [o.departmentId, o]));
  const ids = new Set(followed.flatMap((a) => (a.departmentId ? departmentAndDescendants(tree, a.departmentId) : tree.map((d) => d.id))));
  const departments = [...ids].map((id) => byId.get(id)!).sort((a, b) => Number(Boolean(a.parentId)) - Number(Boolean(b.parentId)) || a.name.localeCompare(b.name, 'da'));
  const plans = await Promise.all(departments.map(async (d) => ({ department: d, approved: await repos.actionPlans.getApproved(d.id, cycle) })));
  const areas = followed.map((a): FollowedArea => {
    const line = a.departmentId ? overview.get(a.departmentId) : municipality && { departmentId: '', name: municipalityName, answered: municipality.answered };
    return { role: a.role, ...(a.departmentId ? { departmentId: a.departmentId } : {}), name: a.departmentId ? byId.get(a.departmentId)!.name : municipalityName, ...(line ? { overview: line } : {}) };
  });
  await Promise.all(followed.map((a) => recordAreaRead(repos, member, a.departmentId, 'area-figures', `${cycle} overview`)));
  return {
    cycle, areas, departments,
    approvedPlans: plans.flatMap(({ department, approved }) => (approved ? [{ departmentId: department.id, name: department.name, version: approved.version, approvedAt: approved.approvedAt }] : [])),
  };
}

/** A department's (or the municipality's) released gap summary, read-only, for those who follow it. */
export async function areaFigures(
  repos: Repositories, data: DomainData, member: Member, departmentId: string | undefined, cycle: string, threshold: number,
): Promise<GapSummary> {
  const { summary } = await readSummary(repos, data, member, departmentId, cycle, threshold, followersOfArea);
  await recordAreaRead(repos, member, departmentId, 'area-figures', `${summary.name} ${cycle}`);
  return summary;
}

export interface ApprovedActionPlan {
  departmentId: string;
  departmentName: string;
  cycle: string;
  version: number;
  approvedAt: string;
  items: ActionPlan['items'];
  competences: Competence[];
}

/** A department's action plan as last approved (never a draft), read-only, for those who follow it. */
export async function areaActionPlan(repos: Repositories, data: DomainData, member: Member, departmentId: string, cycle: string): Promise<ApprovedActionPlan> {
  assertAllowed(await subjectOf(repos, member), { action: 'view-area-action-plans', departmentId });
  const [department, approved, profile] = await Promise.all([
    repos.org.getDepartment(departmentId), repos.actionPlans.getApproved(departmentId, cycle), repos.departmentSettings.getProfile(departmentId, cycle),
  ]);
  if (!department || !approved) throw new NotFoundError(`approved action plan of ${departmentId}`);
  await recordAreaRead(repos, member, departmentId, 'area-action-plan', `${department.name} ${cycle} v${approved.version}`);
  const competences = withDepartmentCompetences(groupsWithCompetences(data.competenceModel, 'employee'), profile?.competences ?? []).flatMap((g) => g.competences);
  return { departmentId, departmentName: department.name, cycle, ...approved, competences };
}
