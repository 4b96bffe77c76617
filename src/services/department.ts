import { assertAllowed, type Subject } from '../domain/authorization';
import { departmentAndDescendants, representedDepartments } from '../domain/org';
import { NotFoundError } from '../domain/errors';
import type { DomainData } from '../domain/catalogue';
import type { Person } from '../domain/org';
import { type DepartmentQuestionSet, entriesInBank } from '../domain/questionSet';
import { planStatus } from '../domain/plan';
import { type CompetenceProfile, type DepartmentCompetence, emptyProfile } from '../domain/profile';
import type { Repositories } from '../storage';
import { runLimited } from '../storage/orgRepository';
import type { Preparation } from '../storage/preparationRepository';
import type { OpenedRound } from '../jobs/musNudges';
import type { UnreachableReason } from '../domain/reach';
import type { Member } from './identity';
import { recordReads } from './audit';

/**
 * The authorization subject for a member: the departments they lead, and those they follow as
 * MED member or TR, include all below them.
 */
export async function subjectOf(repos: Repositories, member: Member): Promise<Subject> {
  const { person } = member;
  const tree = person.leaderOf.length || person.medAreas.length || person.trFor.length ? await repos.org.listDepartments() : [];
  const ledDepartments = [...new Set(person.leaderOf.flatMap((id) => departmentAndDescendants(tree, id)))];
  return { personId: person.id, roles: member.roles, ledDepartments, representedDepartments: representedDepartments(tree, person) };
}

export type PreparationStatus = 'not-started' | 'in-progress' | 'prepared' | 'shared';

export interface DepartmentStatus {
  departmentId: string;
  name: string;
  /** The MUS round's deadline this cycle, if a round was started. */
  deadline?: string;
  people: Array<{ id: string; name: string; status: PreparationStatus; invited: boolean; planApproved: boolean }>;
}

export function statusOf(prep: Preparation | undefined, stepCount: number): PreparationStatus {
  if (!prep) return 'not-started';
  if (prep.header.sharedSections?.length) return 'shared';
  return prep.header.completedSteps.length >= stepCount ? 'prepared' : 'in-progress';
}

/**
 * Who in the departments a leader leads has prepared for MUS this cycle: statuses only, never
 * the content of anyone's answers.
 */
export async function departmentStatuses(
  repos: Repositories, member: Member, cycle: string, stepCountOf: (person: Person) => Promise<number>,
): Promise<DepartmentStatus[]> {
  const subject = await subjectOf(repos, member);
  const out: DepartmentStatus[] = [];
  const shown: string[] = [];
  // A round started higher up with its sub-departments invites people here too.
  const rounds = new Map(await Promise.all(subject.ledDepartments.map(async (id) => [id, await repos.rounds.get(id, cycle)] as const)));
  const invited = new Set([...rounds.values()].flatMap((r) => r?.invited ?? []));
  for (const departmentId of subject.ledDepartments) {
    assertAllowed(subject, { action: 'view-department-status', departmentId });
    const department = await repos.org.getDepartment(departmentId);
    const ids = (await repos.org.listMemberIds(departmentId)).filter((id) => id !== member.person.id);
    const people: DepartmentStatus['people'] = [];
    await runLimited(ids, 8, async (id) => {
      const person = await repos.org.getPerson(id);
      if (!person?.active) return;
      const [prep, plan, stepCount] = await Promise.all([repos.preparations.load(id, cycle), repos.plans.load(id, cycle, person.departmentId), stepCountOf(person)]);
      people.push({ id, name: person.name, status: statusOf(prep, stepCount), invited: invited.has(id), planApproved: planStatus(plan.plan).kind === 'approved' });
    });
    people.sort((a, b) => a.name.localeCompare(b.name, 'da'));
    shown.push(...people.map((p) => p.id));
    const round = rounds.get(departmentId);
    out.push({ departmentId, name: department?.name ?? departmentId, people, ...(round ? { deadline: round.deadline } : {}) });
  }
  // Names with each one's preparation status: a read of their personal data, recorded first —
  // one entry for the whole view, naming everyone on it.
  await recordReads(repos, member, shown, 'department-status', `${out.map((d) => d.name).join(', ')} ${cycle}`);
  return out;
}

/** The person a leader acts on, once the leader is allowed to (NotFound / NotAllowed otherwise). */
async function ownerFor(
  repos: Repositories, member: Member, ownerId: string, action: 'read-shared-preparation' | 'rate-employee', activeOnly: boolean,
) {
  const owner = await repos.org.getPerson(ownerId);
  if (!owner || (activeOnly && !owner.active)) throw new NotFoundError(`person ${ownerId}`);
  assertAllowed(await subjectOf(repos, member), { action, ownerId, ownerDepartmentId: owner.departmentId });
  return owner;
}

/** What one employee shared with their leader, for that leader only. */
export async function sharedPreparationOf(repos: Repositories, member: Member, ownerId: string, cycle: string) {
  const owner = await ownerFor(repos, member, ownerId, 'read-shared-preparation', false);
  const prep = await repos.preparations.load(ownerId, cycle);
  if (!prep?.header.sharedSections?.length) throw new NotFoundError(`shared preparation of ${ownerId}`);
  await recordReads(repos, member, [owner.id], 'shared-preparation', cycle);
  return { owner, prep, sections: prep.header.sharedSections };
}

export interface RoundOutcome {
  deadline: string;
  departmentName: string;
  invited: string[];
  alreadyInvited: number;
  /** Of the invited, how many get the app installed first (they never opened it). */
  installing: number;
  /** People the bot cannot reach, and why (no conversation and no install, no licence, …). */
  unreachable: Array<{ name: string; reason: UnreachableReason }>;
}

/**
 * Starts (or moves the deadline of) a MUS round for a department the member leads, and invites
 * every employee there (and below, if chosen) who has not been invited in this round yet.
 */
export async function startMusRound(
  repos: Repositories,
  member: Member,
  departmentId: string,
  form: { deadline: string; includeSubDepartments: boolean },
  cycle: string,
  invite: (people: Person[]) => Promise<Array<{ outcome: 'queued' | 'installing' } | { outcome: 'unreachable'; reason: UnreachableReason }>>,
  scheduleNudges?: (round: OpenedRound) => Promise<void>,
): Promise<RoundOutcome> {
  const subject = await subjectOf(repos, member);
  assertAllowed(subject, { action: 'start-mus-round', departmentId });
  const all = await repos.org.listDepartments();
  const departmentIds = form.includeSubDepartments ? departmentAndDescendants(all, departmentId) : [departmentId];
  const round = await repos.rounds.open(departmentId, cycle, form.deadline, form.includeSubDepartments, member.person.id);
  const already = new Set(round.invited);
  const memberIds = (await Promise.all(departmentIds.map((id) => repos.org.listMemberIds(id)))).flat().filter((id) => id !== member.person.id);
  const invited: string[] = [];
  const unreachable: RoundOutcome['unreachable'] = [];
  const sentIds: string[] = [];
  let alreadyInvited = 0;
  let installing = 0;
  const people = new Array<Person | undefined>(memberIds.length);
  await runLimited(memberIds.map((id, index) => ({ id, index })), 16, async ({ id, index }) => {
    people[index] = await repos.org.getPerson(id);
  });
  const active = people.flatMap((person) => (person?.active ? [person] : []));
  alreadyInvited = active.filter((p) => already.has(p.id)).length;
  // Everyone new in one go (one batch of the outbox): a round for hundreds answers within Teams' few seconds.
  const toInvite = active.filter((p) => !already.has(p.id));
  const deliveries = await invite(toInvite);
  toInvite.forEach((person, index) => {
    const delivery = deliveries[index]!;
    if (delivery.outcome === 'unreachable') unreachable.push({ name: person.name, reason: delivery.reason });
    else {
      invited.push(person.name);
      sentIds.push(person.id);
      if (delivery.outcome === 'installing') installing++;
    }
  });
  await repos.rounds.markInvited(departmentId, cycle, sentIds);
  await scheduleNudges?.({ departmentId, cycle, deadline: form.deadline, at: new Date(round.updatedAt), personIds: [...already, ...sentIds] });
  return { deadline: form.deadline, departmentName: all.find((d) => d.id === departmentId)?.name ?? departmentId, invited, alreadyInvited, installing, unreachable };
}

/**
 * Saves a department's desired levels for this cycle — for the whole department, or for one job
 * group — and adds a professional competence of the department's own if one was filled in.
 * Earlier cycles stay as they were.
 */
export async function saveCompetenceProfile(
  repos: Repositories, member: Member, departmentId: string, cycle: string,
  change: { jobGroup?: string; desired: Record<string, number>; add?: DepartmentCompetence },
): Promise<CompetenceProfile> {
  assertAllowed(await subjectOf(repos, member), { action: 'edit-competence-profile', departmentId });
  return repos.departmentSettings.updateProfile(departmentId, cycle, (current) => ({
    ...current,
    ...(change.jobGroup ? { jobGroups: { ...current.jobGroups, [change.jobGroup]: change.desired } } : { desired: change.desired }),
    competences: change.add ? [...current.competences, change.add] : current.competences,
  }), member.person.id);
}

/** Removes one of the department's own competences (ratings already given stay stored). */
export async function removeDepartmentCompetence(repos: Repositories, member: Member, departmentId: string, cycle: string, competenceId: string): Promise<void> {
  assertAllowed(await subjectOf(repos, member), { action: 'edit-competence-profile', departmentId });
  await repos.departmentSettings.updateProfile(departmentId, cycle, (current) => ({
    ...current,
    competences: current.competences.filter((c) => c.id !== competenceId),
    desired: Object.fromEntries(Object.entries(current.desired).filter(([id]) => id !== competenceId)),
  }), member.person.id);
}

export async function competenceProfileFor(repos: Repositories, member: Member, departmentId: string, cycle: string): Promise<CompetenceProfile> {
  assertAllowed(await subjectOf(repos, member), { action: 'edit-competence-profile', departmentId });
  const stored = await repos.departmentSettings.getProfile(departmentId, cycle);
  return stored ? { desired: stored.desired, jobGroups: stored.jobGroups, competences: stored.competences } : emptyProfile;
}

/** The job groups among a department's active people, for per-job-group profiles. */
export async function jobGroupsOf(repos: Repositories, departmentId: string): Promise<string[]> {
  const ids = await repos.org.listMemberIds(departmentId);
  const people = await Promise.all(ids.map((id) => repos.org.getPerson(id)));
  return [...new Set(people.flatMap((p) => (p?.active && p.jobGroup && p.leaderOf.length === 0 ? [p.jobGroup] : [])))].sort((a, b) => a.localeCompare(b, 'da'));
}

/**
 * The leader's rating of one employee, beside the employee's self-rating — which the leader
 * sees only if the employee shared their competences.
 */
export async function leaderRatingFor(repos: Repositories, member: Member, ownerId: string, cycle: string) {
  const owner = await ownerFor(repos, member, ownerId, 'rate-employee', true);
  const prep = await repos.preparations.load(ownerId, cycle);
  const selfShared = prep?.header.sharedSections?.includes('competences') ?? false;
  const self: Record<string, number | 'na'> = {};
  if (selfShared && prep) {
    for (const answer of prep.answers.values()) if (answer.kind === 'rating') Object.assign(self, answer.ratings);
  }
  const mine = await repos.preparations.getLeaderRating(ownerId, cycle);
  await recordReads(repos, member, [owner.id], 'leader-rating', cycle);
  return { owner, selfShared, self, mine: mine?.ratings ?? {} };
}

export async function saveLeaderRating(
  repos: Repositories, member: Member, ownerId: string, cycle: string, ratings: Record<string, number>,
): Promise<void> {
  await ownerFor(repos, member, ownerId, 'rate-employee', true);
  await repos.preparations.saveLeaderRating(ownerId, cycle, member.person.id, ratings);
}

/**
 * The department's MUS question set as its leader edits it (the default set until changed), with
 * the chosen questions the bank no longer has (`missing`: not asked any more).
 */
export async function questionSetFor(
  repos: Repositories, data: DomainData, member: Member, departmentId: string,
): Promise<DepartmentQuestionSet & { isDefault: boolean; missing: string[] }> {
  assertAllowed(await subjectOf(repos, member), { action: 'edit-question-set', departmentId });
  const stored = await repos.departmentSettings.getQuestionSet(departmentId, 'employee');
  if (!stored) return { entries: data.questionBank.defaultSet.employee, custom: [], isDefault: true, missing: [] };
  return { entries: stored.entries, custom: stored.custom, isDefault: false, missing: entriesInBank(data.questionBank, stored.entries).missing };
}

/** Saves the department's choice of questions; `undefined` goes back to the default set. */
export async function saveQuestionSet(repos: Repositories, member: Member, departmentId: string, set: DepartmentQuestionSet | undefined): Promise<void> {
  assertAllowed(await subjectOf(repos, member), { action: 'edit-question-set', departmentId });
  if (set) await repos.departmentSettings.setQuestionSet(departmentId, 'employee', set.entries, member.person.id, set.custom);
  else await repos.departmentSettings.clearQuestionSet(departmentId, 'employee');
}
