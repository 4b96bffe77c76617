/**
 * Department gap figures: per competence, the desired level against the present level (from
 * self-ratings, and from leader ratings apart), its distribution, the gap and the trend against
 * the last cycle — for departments, job groups, parents and the whole municipality. And the
 * anonymity rules that decide which figures may be shown at all. Pure: no I/O.
 */

export interface Respondent {
  personId: string;
  departmentId: string;
  jobGroup?: string | undefined;
  /** Self-rating per competence: a level, or 'na' (not relevant, not counted). */
  self: Readonly<Record<string, number | 'na'>>;
  /** The leader's rating per competence, where given. */
  leader?: Readonly<Record<string, number | 'na'>> | undefined;
}

export interface LevelStats {
  respondents: number;
  mean: number;
  /** How many gave each level, index 0 = level 1. */
  distribution: number[];
}

export interface CompetenceFigure {
  competenceId: string;
  desired?: number;
  self?: LevelStats;
  leader?: LevelStats;
  /** desired − present (self), where both exist; positive = below the wish. */
  gap?: number;
  /** present − last cycle's present (self), where both exist. */
  trend?: number;
}

export interface GroupFigures {
  /** Everyone in the group who rated at least one competence. */
  respondents: number;
  competences: CompetenceFigure[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function statsOf(values: number[], levels: number): LevelStats | undefined {
  if (values.length === 0) return undefined;
  const distribution = Array.from({ length: levels }, () => 0);
  for (const v of values) distribution[v - 1]! += 1;
  return { respondents: values.length, mean: round2(values.reduce((a, b) => a + b, 0) / values.length), distribution };
}

const levelsOf = (respondents: readonly Respondent[], competenceId: string, which: 'self' | 'leader', levels: number) =>
  respondents.flatMap((r) => {
    const v = r[which]?.[competenceId];
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= levels ? [v] : [];
  });

/** The figures of one group (unsuppressed: whether they may be shown is `suppress`'s decision). */
export function groupFigures(
  respondents: readonly Respondent[], competenceIds: readonly string[], levels: number,
  desired: Readonly<Record<string, number>>, previous?: readonly Respondent[],
): GroupFigures {
  const rated = respondents.filter((r) => Object.values(r.self).some((v) => typeof v === 'number'));
  return {
    respondents: rated.length,
    competences: competenceIds.map((competenceId) => {
      const self = statsOf(levelsOf(rated, competenceId, 'self', levels), levels);
      const leader = statsOf(levelsOf(rated, competenceId, 'leader', levels), levels);
      const before = previous ? statsOf(levelsOf(previous, competenceId, 'self', levels), levels) : undefined;
      const wish = desired[competenceId];
      return {
        competenceId,
        ...(wish !== undefined ? { desired: wish } : {}),
        ...(self ? { self } : {}),
        ...(leader ? { leader } : {}),
        ...(wish !== undefined && self ? { gap: round2(wish - self.mean) } : {}),
        ...(self && before ? { trend: round2(self.mean - before.mean) } : {}),
      };
    }),
  };
}

/** The largest gaps first (competences with a wish and a present level only). */
export function largestGaps(figures: GroupFigures, count: number): CompetenceFigure[] {
  return figures.competences.filter((c) => c.gap !== undefined && c.gap > 0).sort((a, b) => b.gap! - a.gap! || a.competenceId.localeCompare(b.competenceId)).slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// Anonymity

/** The anonymity threshold: configurable, default 5, never below 3. */
export const defaultAnonymityThreshold = 5;
export const minimumAnonymityThreshold = 3;

export function anonymityThreshold(configured: number | undefined): number {
  return Math.max(minimumAnonymityThreshold, Math.floor(configured ?? defaultAnonymityThreshold));
}

/**
 * A figure that could be shown: a group and how many it counts. `shown: false` marks a part that
 * is never shown on its own (e.g. a department's direct members beside its sub-departments).
 */
export interface Cell {
  id: string;
  count: number;
  showable: boolean;
  /** Who is counted (for the pairwise rule: a shown cell inside another may not leave a few). */
  members?: ReadonlySet<string>;
}

/** A whole that is exactly the sum of its parts: shown parts subtracted from a shown whole leave the rest. */
export interface Partition {
  whole: string;
  parts: readonly string[];
}

/**
 * Which cells may be shown. Primary: a cell under the threshold is hidden. Complementary: a shown
 * cell inside another shown one must leave nobody or at least the threshold, and a shown whole
 * minus its shown parts must too — else the larger aggregate (the outer cell, the whole) is
 * hidden, so that the figures closest to the people who act on them (a team, a department) stay,
 * and only the overview above them gives way. Repeated until no subtraction of shown figures
 * isolates fewer than the threshold. Returns the ids that may be shown.
 */
export function suppress(cells: readonly Cell[], partitions: readonly Partition[], threshold: number): Set<string> {
  const t = anonymityThreshold(threshold);
  const count = new Map(cells.map((c) => [c.id, c.count]));
  const shown = new Set(cells.filter((c) => c.showable && c.count >= t).map((c) => c.id));
  const nested = nestedPairs(cells);
  for (let changed = true; changed;) {
    changed = false;
    // Any shown cell inside another shown one: the difference must count 0 or at least t.
    for (const [outer, inner, difference] of nested) {
      if (!shown.has(outer) || !shown.has(inner) || difference === 0 || difference >= t) continue;
      shown.delete(outer);
      changed = true;
    }
    for (const { whole, parts } of partitions) {
      if (!shown.has(whole)) continue;
      const hidden = parts.filter((p) => !shown.has(p)).reduce((sum, p) => sum + (count.get(p) ?? 0), 0);
      if (hidden === 0 || hidden >= t) continue;
      shown.delete(whole);
      changed = true;
    }
  }
  return shown;
}

/** Pairs of cells where one's members are all in the other: [outer, inner, how many more outer has]. */
function nestedPairs(cells: readonly Cell[]): Array<[string, string, number]> {
  const withMembers = cells.filter((c) => c.showable && c.members && c.count > 0);
  const out: Array<[string, string, number]> = [];
  for (const a of withMembers) {
    for (const b of withMembers) {
      if (a === b || b.count > a.count) continue;
      if ([...b.members!].every((m) => a.members!.has(m)) && (b.count < a.count || a.id < b.id)) out.push([a.id, b.id, a.count - b.count]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The organisation's groups: departments (with everything below them), job groups within each,
// and the municipality; and how they partition each other.

export interface OrgUnit {
  id: string;
  parentId?: string | undefined;
}

export const municipalityGroup = 'municipality';
export const departmentGroup = (id: string) => `dept:${id}`;
export const jobGroupGroup = (departmentId: string, jobGroup: string) => `job:${departmentId}:${jobGroup}`;
const directGroup = (id: string) => `direct:${id}`;
const directJobGroup = (departmentId: string, jobGroup: string) => `direct-job:${departmentId}:${jobGroup}`;
const noJobGroup = (departmentId: string) => `no-job:${departmentId}`;

export interface OrgGroups {
  /** Members of each group id. */
  members: Map<string, Respondent[]>;
  cells: Cell[];
  partitions: Partition[];
}

/**
 * Every group a figure can be shown for, with its members, and the partitions an observer could
 * subtract along: a department = its sub-departments + its direct members; a department = its job
 * groups + those without one; a job group in a department = the same job group in each
 * sub-department + the direct members in it; the municipality = its top departments (+ anyone in
 * a department that is not known).
 */
export function orgGroups(units: readonly OrgUnit[], respondents: readonly Respondent[]): OrgGroups {
  const known = new Set(units.map((u) => u.id));
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId && known.has(u.parentId)) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const subtree = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  const members = new Map<string, Respondent[]>();
  const cells: Cell[] = [];
  const partitions: Partition[] = [];
  const add = (id: string, people: Respondent[], showable: boolean) => {
    members.set(id, people);
    cells.push({ id, count: people.length, showable, members: new Set(people.map((p) => p.personId)) });
  };

  add(municipalityGroup, [...respondents], true);
  const tops = units.filter((u) => !u.parentId || !known.has(u.parentId)).map((u) => u.id);
  const orphans = respondents.filter((r) => !known.has(r.departmentId));
  add('orphans', orphans, false);
  partitions.push({ whole: municipalityGroup, parts: [...tops.map(departmentGroup), 'orphans'] });

  for (const unit of units) {
    const inTree = new Set(subtree(unit.id));
    const people = respondents.filter((r) => inTree.has(r.departmentId));
    const direct = respondents.filter((r) => r.departmentId === unit.id);
    add(departmentGroup(unit.id), people, true);
    add(directGroup(unit.id), direct, false);
    partitions.push({ whole: departmentGroup(unit.id), parts: [...(children.get(unit.id) ?? []).map(departmentGroup), directGroup(unit.id)] });

    const jobGroups = [...new Set(people.flatMap((r) => (r.jobGroup ? [r.jobGroup] : [])))];
    add(noJobGroup(unit.id), people.filter((r) => !r.jobGroup), false);
    partitions.push({ whole: departmentGroup(unit.id), parts: [...jobGroups.map((g) => jobGroupGroup(unit.id, g)), noJobGroup(unit.id)] });
    for (const g of jobGroups) {
      add(jobGroupGroup(unit.id, g), people.filter((r) => r.jobGroup === g), true);
      add(directJobGroup(unit.id, g), direct.filter((r) => r.jobGroup === g), false);
      partitions.push({
        whole: jobGroupGroup(unit.id, g),
        parts: [...(children.get(unit.id) ?? []).map((c) => jobGroupGroup(c, g)), directJobGroup(unit.id, g)],
      });
    }
  }
  // A job group that has nobody in a sub-department has no cell there: it counts 0.
  const ids = new Set(cells.map((c) => c.id));
  for (const p of partitions) for (const part of p.parts) if (!ids.has(part)) add(part, [], false);
  return { members, cells, partitions };
}

/** Has this person a level (not 'na') for the competence? */
const rates = (r: Respondent, competenceId: string) => typeof r.self[competenceId] === 'number';

/**
 * What may be shown: the groups whose respondent count may be shown, and per competence the
 * groups whose figures for it may be shown — counted over those who rated that competence, since
 * "not relevant" answers make each competence's group smaller.
 */
export function visibility(groups: OrgGroups, competenceIds: readonly string[], threshold: number): { groups: Set<string>; byCompetence: Map<string, Set<string>> } {
  const byCompetence = new Map<string, Set<string>>();
  for (const competenceId of competenceIds) {
    const cells = groups.cells.map((cell) => {
      const people = (groups.members.get(cell.id) ?? []).filter((r) => rates(r, competenceId));
      return { ...cell, count: people.length, members: new Set(people.map((p) => p.personId)) };
    });
    byCompetence.set(competenceId, suppress(cells, groups.partitions, threshold));
  }
  return { groups: suppress(groups.cells, groups.partitions, threshold), byCompetence };
}
