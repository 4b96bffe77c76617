/**
 * Released figures: the department and municipality figures everyone sees are published in
 * numbered releases, never computed on demand, and a figure may only change when enough people
 * have changed it. Pure: no I/O.
 *
 * Why: a figure that is worked out afresh at every click can be compared with itself. Five rated;
 * Mette rates; the leader opens the summary again and reads her rating as the difference. The
 * threshold judged each view alone. Here every figure ever released is remembered (the ledger),
 * and a new figure is released only if, against EVERY figure released before in the cycle — of
 * the same group or another, fresh or old — it differs by nobody or by at least the threshold
 * number of people. Otherwise the group keeps showing its last released figure.
 *
 * Terms:
 * - a *figure* is the distribution (and mean) of one kind of rating — a competence's self-ratings
 *   (`self:<competence>`) or leaders' ratings (`leader:<competence>`) — over one group (the
 *   municipality, or a department with everything below it) at one release, its *basis*;
 * - its *contributions* are the people counted and the level each gave;
 * - two figures *differ by* the number of people whose contribution is not the same in both (in
 *   one only, or with another level): exactly the people their difference is about.
 *
 * The rules, for each kind:
 * 1. a figure counts at least `threshold` people;
 * 2. a new figure differs from every figure released before in the cycle, and from every other
 *    new figure of the same release, by 0 or at least `threshold` people; smaller groups are
 *    decided first, so the figures closest to the people who act on them stay and the overview
 *    above them gives way;
 * 3. within a release, a shown whole (the municipality, a department) minus its shown parts (top
 *    departments, sub-departments) leaves nobody or at least `threshold` people — else a new whole
 *    gives way, or, where the whole is an old figure, the new parts do;
 * 4. a group without a new figure shows its last released one (showing it again tells nothing new).
 * A figure shown once stays known to whoever saw it: nothing here ever un-releases a figure, and
 * no rule relies on hiding one.
 */
import { anonymityThreshold, type LevelStats, statsOf } from './gaps';

export const municipalityGroup = 'municipality';
export const departmentGroup = (id: string) => `dept:${id}`;
export const selfKind = (competenceId: string) => `self:${competenceId}`;
export const leaderKind = (competenceId: string) => `leader:${competenceId}`;

/** What of a person counts in figures at a moment: where they are, and the levels they gave. */
export interface PersonState {
  departmentId: string;
  /** Self-rating per competence (levels only: "not relevant" is not counted). */
  self: Readonly<Record<string, number>>;
  /** The leader's rating of this person per competence. */
  leader: Readonly<Record<string, number>>;
}

/** A released figure: its statistics, and the release whose state it was computed from. */
export interface ReleasedFigure extends LevelStats {
  release: number;
}

export interface OrgUnit {
  id: string;
  parentId?: string | undefined;
}

/** A department tree: each department's parent (null at the top). */
export type Tree = Readonly<Record<string, string | null>>;

/**
 * What a cycle's releases remember, so that the next one can be checked against all of them. It
 * holds no names: people are numbered per cycle, and `people` links a number to a person's id
 * only while the person is stored (erasure unlinks it; the contributions stay, anonymous, so
 * that the departure of an erased person cannot single out their rating).
 */
export interface Ledger {
  cycle: string;
  /** The last release's number (0: none yet). */
  release: number;
  /** When each release was made: [n − 1] is release n's ISO time. */
  releasedAt: string[];
  /** Person number → lower-case person id, or null once unlinked. */
  people: Array<string | null>;
  /** Person number → their state from each release where it changed ([release, state | null]). */
  history: Array<Array<[number, PersonState | null]>>;
  /** Department trees, each from the release it first held. */
  trees: Array<[number, Tree]>;
  /** Every figure ever released, by group and kind, oldest first (the last one is the one shown). */
  shown: Record<string, Record<string, ReleasedFigure[]>>;
}

export function emptyLedger(cycle: string): Ledger {
  return { cycle, release: 0, releasedAt: [], people: [], history: [], trees: [], shown: {} };
}

export interface ReleaseInput {
  /** The cycle's ledger so far (the empty ledger before its first release). */
  ledger: Ledger;
  /** ISO time of this release. */
  at: string;
  units: readonly OrgUnit[];
  /** Everyone who counts now: active people with ratings in the cycle, as they are now. */
  people: ReadonlyArray<{ id: string; state: PersonState }>;
  /** Ids (lower case) of everyone still stored, active or not: anyone else was erased. */
  stored: ReadonlySet<string>;
  threshold: number;
  /** Levels of the rating scale (1..levels). */
  levels: number;
}

/** One group in a release: how many have rated now, and the figure shown per kind. */
export interface GroupRelease {
  group: string;
  /** People in the group now with at least one self-rating (a count, never a figure of levels). */
  answered: number;
  /** The figure shown per kind: new in this release (`release` = its number) or kept from before. */
  figures: Record<string, ReleasedFigure>;
}

export interface ReleaseResult {
  number: number;
  ledger: Ledger;
  groups: Map<string, GroupRelease>;
  /** How many figures are new in this release. */
  fresh: number;
}

// ---------------------------------------------------------------------------------------------

const sameLevels = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};
const sameState = (a: PersonState | null, b: PersonState | null) =>
  a === b || (a !== null && b !== null && a.departmentId === b.departmentId && sameLevels(a.self, b.self) && sameLevels(a.leader, b.leader));
const sameTree = (a: Tree, b: Tree) => sameLevels(a as Record<string, never>, b as Record<string, never>);

const valueOf = (state: PersonState | null | undefined, kind: string): number | undefined => {
  if (!state) return undefined;
  return kind.startsWith('self:') ? state.self[kind.slice(5)] : state.leader[kind.slice(7)];
};

/** The last entry at or before `release` in a list ordered by release (undefined if none). */
function entryAt<T>(entries: ReadonlyArray<[number, T]>, release: number): T | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]![0] <= release) {
      found = entries[mid]![1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The groups a department's people count in under a tree: the municipality and each department up the tree. */
function groupsIn(tree: Tree, departmentId: string): string[] {
  const out = [municipalityGroup];
  const seen = new Set<string>();
  for (let id: string | null | undefined = departmentId; id !== null && id !== undefined && id in tree && !seen.has(id); id = tree[id]) {
    seen.add(id);
    out.push(departmentGroup(id));
  }
  return out;
}

/** Everything a release works with, built once from the ledger and today's state. */
class ReleaseState {
  readonly number: number;
  readonly t: number;
  readonly trees: Array<[number, Tree]>;
  readonly treeNow: Tree;
  readonly people: Array<string | null>;
  readonly history: Array<Array<[number, PersonState | null]>>;
  readonly current: Array<PersonState | null>;
  /** Release of each person's last change (their state since then is `current`). */
  readonly lastChange: Int32Array;
  private readonly groupsMemo = new Map<Tree, Map<string, string[]>>();
  /** Every group each person was ever counted in (a superset is safe: it only widens the checks); shared between people with the same departments. */
  readonly everGroups: Array<Set<string>>;
  /** A key per distinct `everGroups` set (people who only ever were in one department share one). */
  readonly everKey: string[];
  /** Person numbers, latest change first. */
  readonly byChange: number[];

  constructor(readonly input: ReleaseInput) {
    const { ledger } = input;
    this.number = ledger.release + 1;
    this.t = anonymityThreshold(input.threshold);
    const ids = new Set(input.units.map((u) => u.id));
    const tree: Tree = Object.fromEntries(input.units.map((u) => [u.id, u.parentId && ids.has(u.parentId) ? u.parentId : null]));
    const lastTree = ledger.trees.at(-1);
    // The same tree object as the ledger's when nothing moved: "unchanged since" is an identity test.
    this.treeNow = lastTree && sameTree(lastTree[1], tree) ? lastTree[1] : tree;
    this.trees = this.treeNow === lastTree?.[1] ? ledger.trees : [...ledger.trees, [this.number, this.treeNow]];

    // People: keep each one's number; unlink the erased; number newcomers.
    this.people = ledger.people.map((id) => (id !== null && input.stored.has(id) ? id : null));
    const indexOf = new Map(this.people.flatMap((id, i) => (id === null ? [] : [[id, i] as const])));
    this.history = ledger.history.map((h) => h);
    const now = new Map<number, PersonState>();
    for (const { id, state } of input.people) {
      const key = id.toLowerCase();
      let i = indexOf.get(key);
      if (i === undefined) {
        i = this.people.length;
        this.people.push(key);
        this.history.push([]);
        indexOf.set(key, i);
      }
      now.set(i, state);
    }
    this.current = this.people.map((_, i) => now.get(i) ?? null);
    this.lastChange = new Int32Array(this.people.length);
    this.everGroups = [];
    this.everKey = [];
    const everMemo = new Map<string, Set<string>>();
    for (let i = 0; i < this.people.length; i++) {
      const entries = this.history[i]!;
      const last = entries.at(-1);
      if (!sameState(last ? last[1] : null, this.current[i]!)) this.history[i] = [...entries, [this.number, this.current[i]!]];
      this.lastChange[i] = this.history[i]!.at(-1)?.[0] ?? 0;
      const departments = [...new Set(this.history[i]!.flatMap(([, state]) => (state ? [state.departmentId] : [])))].sort();
      const key = departments.join('\n');
      let ever = everMemo.get(key);
      if (!ever) {
        ever = new Set<string>();
        for (const d of departments) for (const [, tree] of this.trees) for (const g of this.groupsOf(tree, d)) ever.add(g);
        everMemo.set(key, ever);
      }
      this.everGroups.push(ever);
      this.everKey.push(key);
    }
    this.byChange = Array.from({ length: this.people.length }, (_, i) => i).sort((a, b) => this.lastChange[b]! - this.lastChange[a]! || a - b);
  }

  groupsOf(tree: Tree, departmentId: string): string[] {
    let memo = this.groupsMemo.get(tree);
    if (!memo) this.groupsMemo.set(tree, (memo = new Map()));
    let groups = memo.get(departmentId);
    if (!groups) memo.set(departmentId, (groups = groupsIn(tree, departmentId)));
    return groups;
  }

  treeAt(release: number): Tree {
    return entryAt(this.trees, release) ?? this.treeNow;
  }

  stateAt(i: number, release: number): PersonState | null {
    return release >= this.number ? this.current[i]! : entryAt(this.history[i]!, release) ?? null;
  }

  /** The level person i gives to a figure of `group` and `kind` at `release`, if counted. */
  levelIn(i: number, group: string, kind: string, release: number): number | undefined {
    const state = this.stateAt(i, release);
    const level = valueOf(state, kind);
    if (level === undefined || !this.groupsOf(this.treeAt(release), state!.departmentId).includes(group)) return undefined;
    return level;
  }
}

/** Members of a candidate figure: person numbers with their levels, newest change first. */
interface Candidate {
  group: string;
  members: Array<[number, number]>;
  stats: LevelStats;
}

/**
 * Makes the next release of a cycle: every group's figures by the rules above, and the ledger
 * that remembers them. Deterministic: the same input gives the same release.
 */
export function makeRelease(input: ReleaseInput): ReleaseResult {
  const s = new ReleaseState(input);
  const { ledger } = input;
  const t = s.t;

  // Who counts in which group now, and which groups each group's people were ever counted in.
  const groupsNow: string[][] = s.current.map((state) => (state ? s.groupsOf(s.treeNow, state.departmentId) : []));
  const relevant = new Map<string, Set<string>>();
  const answered = new Map<string, number>();
  const everIn = new Map<string, number[]>();
  const signatureSeen = new Map<string, Set<string>>();
  for (let i = 0; i < s.people.length; i++) {
    for (const g of s.everGroups[i]!) (everIn.get(g) ?? everIn.set(g, []).get(g)!).push(i);
    const state = s.current[i];
    if (!state) continue;
    const ever = s.everGroups[i]!;
    const signature = s.everKey[i]!;
    for (const g of groupsNow[i]!) {
      if (Object.keys(state.self).length) answered.set(g, (answered.get(g) ?? 0) + 1);
      const seen = signatureSeen.get(g) ?? signatureSeen.set(g, new Set()).get(g)!;
      if (seen.has(signature)) continue;
      seen.add(signature);
      const set = relevant.get(g) ?? relevant.set(g, new Set()).get(g)!;
      for (const e of ever) set.add(e);
    }
  }

  const kinds = new Set<string>();
  for (const state of s.current) {
    if (!state) continue;
    for (const c of Object.keys(state.self)) kinds.add(selfKind(c));
    for (const c of Object.keys(state.leader)) kinds.add(leaderKind(c));
  }
  for (const byKind of Object.values(ledger.shown)) for (const kind of Object.keys(byKind)) kinds.add(kind);

  const shown: Record<string, Record<string, ReleasedFigure[]>> = Object.fromEntries(
    Object.entries(ledger.shown).map(([g, byKind]) => [g, Object.fromEntries(Object.entries(byKind).map(([k, list]) => [k, [...list]]))]),
  );
  const effective = new Map<string, Record<string, ReleasedFigure>>();
  let fresh = 0;

  for (const kind of [...kinds].sort()) {
    const members = membersOf(s, kind, groupsNow);
    const accepted = decideKind(s, kind, relevant, members);
    settlePartitions(s, kind, accepted, members, everIn);
    for (const group of new Set([...accepted.keys(), ...Object.keys(shown).filter((g) => shown[g]![kind]?.length)])) {
      const fig = accepted.get(group)?.figure;
      const list = shown[group]?.[kind];
      if (fig) {
        shown[group] ??= {};
        shown[group]![kind] = [...(list ?? []), fig];
        fresh += 1;
      }
      const figure = fig ?? list?.at(-1);
      if (figure) (effective.get(group) ?? effective.set(group, {}).get(group)!)[kind] = figure;
    }
  }

  const groups = new Map<string, GroupRelease>();
  const allGroups = new Set([municipalityGroup, ...input.units.map((u) => departmentGroup(u.id)), ...effective.keys()]);
  for (const group of [...allGroups].sort()) {
    groups.set(group, { group, answered: answered.get(group) ?? 0, figures: effective.get(group) ?? {} });
  }
  return {
    number: s.number,
    fresh,
    groups,
    ledger: {
      cycle: ledger.cycle, release: s.number, releasedAt: [...ledger.releasedAt, input.at],
      people: s.people, history: s.history, trees: s.trees, shown,
    },
  };
}

interface Accepted {
  figure: ReleasedFigure;
  members: Array<[number, number]>;
}

/** Who counts in each group for one kind now: [person, level], newest change first. */
type Members = Map<string, Array<[number, number]>>;

function membersOf(s: ReleaseState, kind: string, groupsNow: readonly string[][]): Members {
  const byGroup: Members = new Map();
  for (const i of s.byChange) {
    const level = valueOf(s.current[i], kind);
    if (level === undefined) continue;
    for (const g of groupsNow[i]!) (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push([i, level]);
  }
  return byGroup;
}

/** Rules 1 and 2 for one kind: which groups get a new figure. */
function decideKind(s: ReleaseState, kind: string, relevant: ReadonlyMap<string, Set<string>>, byGroup: Members): Map<string, Accepted> {
  const t = s.t;
  const candidates: Candidate[] = [...byGroup]
    .filter(([, members]) => members.length >= t)
    // Members come newest change first: the people unchanged since a figure's basis come last, in one run.
    .map(([group, members]) => ({ group, members, stats: statsOf(members.map(([, level]) => level), s.input.levels)! }))
    .sort((a, b) => a.members.length - b.members.length || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));

  const accepted = new Map<string, Accepted>();
  for (const candidate of candidates) {
    const n = candidate.members.length;
    const last = s.input.ledger.shown[candidate.group]?.[kind]?.at(-1);
    let allowed = true;
    let unchanged = false;
    for (const other of relevant.get(candidate.group) ?? []) {
      const earlier = s.input.ledger.shown[other]?.[kind] ?? [];
      const now = accepted.get(other);
      const figures: ReleasedFigure[] = now ? [...earlier, now.figure] : earlier;
      for (const figure of figures) {
        if (Math.abs(n - figure.respondents) >= t) continue;
        const { inBoth, sameLevel } = overlap(s, candidate, other, kind, figure.release);
        const differ = n + figure.respondents - inBoth - sameLevel;
        if (differ === 0 && figure === last) unchanged = true;
        if (differ > 0 && differ < t) allowed = false;
        if (!allowed) break;
      }
      if (!allowed) break;
    }
    if (allowed && !unchanged) {
      accepted.set(candidate.group, { figure: { release: s.number, ...candidate.stats }, members: candidate.members });
    }
  }
  return accepted;
}

/**
 * Of a candidate's people, how many are counted in the figure of `group` at `release` at all, and
 * how many with the same level: the two figures then differ by
 * |candidate| + |figure| − inBoth − sameLevel people.
 */
function overlap(s: ReleaseState, candidate: Candidate, group: string, kind: string, release: number): { inBoth: number; sameLevel: number } {
  const { members } = candidate;
  if (release >= s.number) {
    // Another new figure of this release: the same state, so only membership can differ.
    let same = 0;
    for (const [i] of members) if (s.groupsOf(s.treeNow, s.current[i]!.departmentId).includes(group)) same += 1;
    return { inBoth: same, sameLevel: same };
  }
  const treeUnchanged = s.treeAt(release) === s.treeNow;
  let inBoth = 0;
  let sameLevel = 0;
  for (let k = 0; k < members.length; k++) {
    const [i, level] = members[k]!;
    if (treeUnchanged && group === candidate.group && s.lastChange[i]! <= release) {
      // Everyone from here on is unchanged since `release`: counted in this group with this level.
      const rest = members.length - k;
      return { inBoth: inBoth + rest, sameLevel: sameLevel + rest };
    }
    const then = s.levelIn(i, group, kind, release);
    if (then === undefined) continue;
    inBoth += 1;
    if (then === level) sameLevel += 1;
  }
  return { inBoth, sameLevel };
}

/** Rule 3 for one kind: wholes minus their shown parts, until no release figure leaves a few. */
function settlePartitions(s: ReleaseState, kind: string, accepted: Map<string, Accepted>, members: Members, everIn: ReadonlyMap<string, number[]>): void {
  const children = new Map<string, string[]>();
  for (const [id, parent] of Object.entries(s.treeNow)) {
    const whole = parent === null ? municipalityGroup : departmentGroup(parent);
    (children.get(whole) ?? children.set(whole, []).get(whole)!).push(departmentGroup(id));
  }
  const shownOf = (group: string): ReleasedFigure | undefined => accepted.get(group)?.figure ?? s.input.ledger.shown[group]?.[kind]?.at(-1);
  for (let changed = true; changed;) {
    changed = false;
    for (const [whole, parts] of [...children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const wholeFigure = shownOf(whole);
      // Only a new figure can be held back; figures all kept from before were checked together then.
      if (!wholeFigure || !(accepted.has(whole) || parts.some((p) => accepted.has(p)))) continue;
      const shownParts = parts.flatMap((p) => {
        const figure = shownOf(p);
        return figure ? [[p, figure] as const] : [];
      });
      const left = leftOver(s, kind, whole, wholeFigure, shownParts, members, everIn);
      if (left === 0 || left >= s.t) continue;
      if (accepted.has(whole)) {
        accepted.delete(whole);
        changed = true;
      } else {
        for (const [part] of shownParts) if (accepted.delete(part)) changed = true;
      }
    }
  }
}

/**
 * How many people a whole's figure minus its shown parts' figures is about (their levels do not
 * cancel out). People unchanged since the oldest of these figures count the same in all of them —
 * as they are now — so they are counted in bulk; only those who changed since are looked at one
 * by one. (When the tree itself changed since, everyone is.)
 */
function leftOver(
  s: ReleaseState, kind: string, whole: string, wholeFigure: ReleasedFigure, shownParts: ReadonlyArray<readonly [string, ReleasedFigure]>,
  members: Members, everIn: ReadonlyMap<string, number[]>,
): number {
  const figures = [wholeFigure, ...shownParts.map(([, f]) => f)];
  const oldest = Math.min(...figures.map((f) => f.release));
  const net = (i: number) => {
    const counts = new Map<number, number>();
    const inWhole = s.levelIn(i, whole, kind, wholeFigure.release);
    if (inWhole !== undefined) counts.set(inWhole, 1);
    for (const [part, figure] of shownParts) {
      const level = s.levelIn(i, part, kind, figure.release);
      if (level !== undefined) counts.set(level, (counts.get(level) ?? 0) - 1);
    }
    return [...counts.values()].some((n) => n !== 0);
  };
  const groups = [whole, ...shownParts.map(([p]) => p)];
  if (figures.some((f) => s.treeAt(f.release) !== s.treeNow)) {
    const people = new Set(groups.flatMap((g) => everIn.get(g) ?? []));
    let left = 0;
    for (const i of people) if (net(i)) left += 1;
    return left;
  }
  // Members are newest change first: those unchanged since `oldest` are the tail.
  const unchanged = (group: string) => {
    const list = members.get(group) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.lastChange[list[mid]![0]]! > oldest) lo = mid + 1;
      else hi = mid;
    }
    return list.length - lo;
  };
  let left = unchanged(whole) - shownParts.reduce((n, [part]) => n + unchanged(part), 0);
  for (const i of s.byChange) {
    if (s.lastChange[i]! <= oldest) break;
    if (groups.some((g) => s.everGroups[i]!.has(g)) && net(i)) left += 1;
  }
  return left;
}
