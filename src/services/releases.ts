import { createHash } from 'node:crypto';
import { type DomainData, groupsWithCompetences } from '../domain/catalogue';
import {
  departmentGroup, emptyLedger, type GroupRelease, makeRelease, municipalityGroup, type PersonState, type ReleaseResult, selfKind,
} from '../domain/releases';
import type { Department } from '../domain/org';
import type { Repositories } from '../storage';
import { ConcurrencyError } from '../storage/entityTable';
import type { PersonRatings } from '../storage/preparationRepository';
import type { StoredProfile } from '../storage/departmentSettingsRepository';
import type { GroupPayload } from '../storage/releaseRepository';

/**
 * Publishing figures: the release job. From ONE read of the ratings (this cycle's and last
 * cycle's), the people and the departments, it makes the next release of each cycle by the rules
 * of src/domain/releases.ts and stores it; every card, channel posting, export and HR view then
 * reads released figures only. Run on the working morning, when a MUS round's deadline passes,
 * and when HR asks (src/jobs/releases.ts). A cycle whose release would show nothing new is left
 * as it is.
 */
export interface ReleaseReport {
  cycle: string;
  /** The new release's number, or undefined when nothing had changed (or another instance was at it). */
  release?: number;
  fresh: number;
  groups: number;
  reason?: string;
}

/** A release claimed but not committed this long ago was cut off: another run takes it over. */
const claimStaleMs = 15 * 60_000;

const round2 = (n: number) => Math.round(n * 100) / 100;

function stateOf(ratings: PersonRatings, departmentId: string, levels: number): PersonState | undefined {
  const pick = (values: Record<string, number | 'na'> | undefined) => Object.fromEntries(Object.entries(values ?? {})
    .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isInteger(e[1]) && e[1] >= 1 && e[1] <= levels));
  const self = pick(ratings.self);
  const leader = pick(ratings.leader);
  return Object.keys(self).length || Object.keys(leader).length ? { departmentId, self, leader } : undefined;
}

/** The payloads of a release: what each group's card shows, with the trend against last cycle's released figures. */
function payloadsOf(
  result: ReleaseResult, departments: readonly Department[], profiles: ReadonlyMap<string, Pick<StoredProfile, 'desired' | 'competences'>>,
  previous: ReadonlyMap<string, GroupPayload>, data: DomainData,
): GroupPayload[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const modelCompetences = groupsWithCompetences(data.competenceModel, 'employee').flatMap((g) => g.competences.map((c) => c.id));
  const payloads = [...result.groups.values()].map((g: GroupRelease): GroupPayload => {
    const departmentId = g.group.startsWith('dept:') ? g.group.slice(5) : undefined;
    const department = departmentId ? byId.get(departmentId) : undefined;
    const before = previous.get(g.group);
    const trend: Record<string, number> = {};
    for (const [kind, figure] of Object.entries(g.figures)) {
      const earlier = before?.figures[kind];
      if (kind.startsWith('self:') && earlier) trend[kind.slice(5)] = round2(figure.mean - earlier.mean);
    }
    return {
      group: g.group,
      ...(departmentId ? { departmentId } : {}),
      name: department?.name ?? (departmentId ?? ''),
      ...(department?.parentId ? { parentId: department.parentId } : {}),
      answered: g.answered,
      figures: g.figures,
      releasedAt: Object.fromEntries([...new Set(Object.values(g.figures).map((f) => f.release))].map((n) => [String(n), result.ledger.releasedAt[n - 1] ?? ''])),
      trend,
      desired: departmentId ? { ...(profiles.get(departmentId)?.desired ?? {}) } : {},
      competences: departmentId ? [...(profiles.get(departmentId)?.competences ?? [])] : [],
    };
  });
  // HR's overview per department: how many have answered, and the largest released gap (the
  // municipality's own competences only; a department's own stay with it).
  const municipality = payloads.find((p) => p.group === municipalityGroup);
  if (municipality) {
    municipality.overview = payloads.filter((p) => p.departmentId).map((p) => {
      const gaps = modelCompetences.flatMap((c) => {
        const figure = p.figures[selfKind(c)];
        const wish = p.desired[c];
        return figure && wish !== undefined && wish - figure.mean > 0 ? [{ competenceId: c, gap: round2(wish - figure.mean) }] : [];
      }).sort((a, b) => b.gap - a.gap || a.competenceId.localeCompare(b.competenceId));
      return { departmentId: p.departmentId!, name: p.name, answered: p.answered, ...(gaps[0] ? { largest: gaps[0] } : {}) };
    }).sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }
  return payloads;
}

/** What a release shows, in a digest: a release that would show the same is not made. */
const digestOf = (payloads: readonly GroupPayload[]) => createHash('sha256').update(JSON.stringify(payloads)).digest('base64url');

/**
 * Makes the next release of this cycle and the last (one read of the ratings for both), and
 * stores each that shows anything new. Safe to run on several instances at once: a release
 * number is claimed before it is written, and only its claimant commits it.
 */
export async function publishReleases(
  repos: Repositories, data: DomainData, options: { now: Date; threshold: number; trigger: string; owner: string; cycle: string },
): Promise<ReleaseReport[]> {
  const cycles = [String(Number(options.cycle) - 1), options.cycle];
  const levels = data.competenceModel.scale.levels.length;
  const [ratings, people, departments, ...latest] = await Promise.all([
    repos.preparations.listRatingsOf(cycles, { withDepartment: true }),
    repos.org.listPeople(),
    repos.org.listDepartments(),
    ...cycles.map((cycle) => repos.releases.latest(cycle)),
  ]);
  const stored = new Set(people.map((p) => p.id.toLowerCase()));
  const byId = new Map(people.map((p) => [p.id.toLowerCase(), p]));
  const units = departments.map((d) => ({ id: d.id, parentId: d.parentId }));
  const at = options.now.toISOString();
  const reports: ReleaseReport[] = [];
  let previous = new Map<string, GroupPayload>();
  for (const [index, cycle] of cycles.entries()) {
    const header = latest[index];
    const [ledger, profiles] = await Promise.all([
      header ? repos.releases.readLedger(cycle, header.release) : Promise.resolve(undefined),
      repos.departmentSettings.listProfilesInForce(cycle),
    ]);
    if (header && !ledger) throw new Error(`the ledger of release ${cycle}/${header.release} is missing`);
    const states = [...(ratings.get(cycle) ?? new Map<string, PersonRatings>())].flatMap(([id, r]) => {
      const person = byId.get(id);
      if (!person?.active) return [];
      // Where they prepared this cycle: a later move does not carry their ratings with them.
      const state = stateOf(r, r.departmentId ?? person.departmentId, levels);
      return state ? [{ id, state }] : [];
    });
    const result = makeRelease({ ledger: ledger ?? emptyLedger(cycle), at, units, people: states, stored, threshold: options.threshold, levels });
    const payloads = payloadsOf(result, departments, profiles, previous, data);
    // The next cycle's trend is against these (the same as the stored ones when nothing is new).
    previous = new Map(payloads.map((p) => [p.group, p]));
    const digest = digestOf(payloads);
    if (result.fresh === 0 && digest === header?.digest) {
      reports.push({ cycle, fresh: 0, groups: payloads.length, reason: 'nothing new' });
      continue;
    }
    const claim = { release: result.number, cycle, state: 'writing' as const, owner: options.owner, startedAt: at, at, trigger: options.trigger, fresh: result.fresh, groups: payloads.length, digest };
    try {
      await repos.releases.claim(claim, claimStaleMs);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      reports.push({ cycle, fresh: 0, groups: 0, reason: 'another release of this cycle is being made' });
      continue;
    }
    await repos.releases.writeGroups(cycle, result.number, payloads, at);
    await repos.releases.writeLedger(result.ledger);
    await repos.releases.commit(claim);
    await repos.releases.makeCurrent(cycle, result.number, payloads, at);
    if (header) await repos.releases.deleteLedger(cycle, header.release);
    reports.push({ cycle, release: result.number, fresh: result.fresh, groups: payloads.length });
  }
  return reports;
}

/** The group id of a department's figures, or the municipality's. */
export const groupOf = (departmentId: string | undefined) => (departmentId ? departmentGroup(departmentId) : municipalityGroup);
