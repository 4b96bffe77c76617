import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anonymityThreshold, departmentGroup, groupFigures, jobGroupGroup, largestGaps, municipalityGroup, orgGroups, type Respondent, suppress, visibility,
} from '../../src/domain/gaps';

const competences = ['a', 'b', 'c'];
const person = (id: string, departmentId: string, self: Record<string, number | 'na'>, extra: Partial<Respondent> = {}): Respondent => ({ personId: id, departmentId, self, ...extra });

describe('gap figures of a group', () => {
  it('when people rate themselves, then each competence shows its mean, distribution, gap to the wish and the trend', () => {
    const now = [person('1', 'd', { a: 2, b: 'na' }), person('2', 'd', { a: 4, b: 3 }), person('3', 'd', { a: 3 })];
    const before = [person('1', 'd', { a: 1 }), person('2', 'd', { a: 2 })];
    const figures = groupFigures(now, competences, 5, { a: 4, c: 3 }, before);
    expect(figures.respondents).toBe(3);
    expect(figures.competences[0]).toEqual({ competenceId: 'a', desired: 4, self: { respondents: 3, mean: 3, distribution: [0, 1, 1, 1, 0] }, gap: 1, trend: 1.5 });
    expect(figures.competences[1]).toEqual({ competenceId: 'b', self: { respondents: 1, mean: 3, distribution: [0, 0, 1, 0, 0] } });
    expect(figures.competences[2]).toEqual({ competenceId: 'c', desired: 3 });
  });

  it("when leaders rated too, then their figures stand apart from the self-ratings", () => {
    const figures = groupFigures([person('1', 'd', { a: 2 }, { leader: { a: 4 } }), person('2', 'd', { a: 2 })], ['a'], 5, {});
    expect(figures.competences[0]!.self!.mean).toBe(2);
    expect(figures.competences[0]!.leader).toEqual({ respondents: 1, mean: 4, distribution: [0, 0, 0, 1, 0] });
  });

  it('when the largest gaps are asked for, then they come biggest first, and competences at or above the wish are left out', () => {
    const figures = groupFigures([person('1', 'd', { a: 1, b: 3, c: 5 })], competences, 5, { a: 4, b: 4, c: 4 });
    expect(largestGaps(figures, 3).map((c) => [c.competenceId, c.gap])).toEqual([['a', 3], ['b', 1]]);
  });
});

describe('anonymity', () => {
  it('when the threshold is configured below 3, then 3 is used; the default is 5', () => {
    expect(anonymityThreshold(undefined)).toBe(5);
    expect(anonymityThreshold(1)).toBe(3);
    expect(anonymityThreshold(7)).toBe(7);
  });

  it('when a department has two sub-departments and one is too small, then the department\'s own figure gives way so that subtraction reveals nobody', () => {
    const units = [{ id: 'p' }, { id: 'c1', parentId: 'p' }, { id: 'c2', parentId: 'p' }];
    const people = [
      ...Array.from({ length: 6 }, (_, i) => person(`x${i}`, 'c1', { a: 3 })),
      ...Array.from({ length: 2 }, (_, i) => person(`y${i}`, 'c2', { a: 3 })),
    ];
    const groups = orgGroups(units, people);
    const shown = suppress(groups.cells, groups.partitions, 5);
    expect(shown.has(departmentGroup('c2'))).toBe(false);
    // Showing p (8) and c1 (6) would give c2's two away: the overview goes, the team stays.
    expect(shown.has(departmentGroup('p'))).toBe(false);
    expect(shown.has(departmentGroup('c1'))).toBe(true);
  });

  // Organisations of up to 6 departments and 40 people in 3 job groups, random ratings.
  const organisation = fc.record({
    parents: fc.array(fc.option(fc.nat(5), { nil: undefined }), { minLength: 1, maxLength: 6 }),
    people: fc.array(fc.record({
      department: fc.nat(5),
      jobGroup: fc.option(fc.constantFrom('ssa', 'ssh', 'spl'), { nil: undefined }),
      ratings: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('na' as const)), { minLength: 3, maxLength: 3 }),
    }), { maxLength: 40 }),
    threshold: fc.integer({ min: 1, max: 7 }),
  }).map(({ parents, people, threshold }) => {
    // Parents point only backwards, so the departments form a forest.
    const units = parents.map((p, i) => ({ id: `d${i}`, parentId: p !== undefined && p < i ? `d${p}` : undefined }));
    const respondents = people.map((p, i) => person(`p${i}`, `d${p.department % units.length}`, Object.fromEntries(competences.map((c, k) => [c, p.ratings[k]!])), { jobGroup: p.jobGroup }));
    return { units, respondents, threshold };
  });

  it('when any organisation is summarized, then no shown figure — alone, or subtracted from another — isolates fewer people than the threshold', () => {
    fc.assert(fc.property(organisation, ({ units, respondents, threshold }) => {
      const t = anonymityThreshold(threshold);
      const groups = orgGroups(units, respondents);
      const { groups: shownGroups, byCompetence } = visibility(groups, competences, threshold);
      const check = (shown: Set<string>, countOf: (id: string) => Set<string>) => {
        for (const id of shown) expect(countOf(id).size, id).toBeGreaterThanOrEqual(t);
        // Any two shown figures where one lies inside the other: the rest is nobody or at least t.
        for (const outer of shown) {
          for (const inner of shown) {
            if (outer === inner) continue;
            const a = countOf(outer);
            const b = countOf(inner);
            if (![...b].every((m) => a.has(m))) continue;
            const rest = a.size - b.size;
            expect(rest === 0 || rest >= t, `${outer} − ${inner} = ${rest}`).toBe(true);
          }
        }
        // A shown whole minus all its shown parts: the hidden rest is nobody or at least t.
        for (const { whole, parts } of groups.partitions) {
          if (!shown.has(whole)) continue;
          const rest = parts.filter((p) => !shown.has(p)).reduce((n, p) => n + countOf(p).size, 0);
          expect(rest === 0 || rest >= t, `${whole} minus its shown parts = ${rest}`).toBe(true);
        }
      };
      const members = (id: string) => new Set((groups.members.get(id) ?? []).map((r) => r.personId));
      check(shownGroups, members);
      for (const c of competences) {
        check(byCompetence.get(c)!, (id) => new Set((groups.members.get(id) ?? []).filter((r) => typeof r.self[c] === 'number').map((r) => r.personId)));
      }
      // The municipality is shown whenever it is big enough and nothing forces it away.
      if (respondents.length === 0) expect(shownGroups.has(municipalityGroup)).toBe(false);
    }), { numRuns: 300 });
  });

  it('when job groups are summarized inside a department, then a job group under the threshold is hidden', () => {
    const people = [
      ...Array.from({ length: 6 }, (_, i) => person(`s${i}`, 'd', { a: 3 }, { jobGroup: 'ssa' })),
      ...Array.from({ length: 6 }, (_, i) => person(`h${i}`, 'd', { a: 3 }, { jobGroup: 'ssh' })),
      person('n', 'd', { a: 3 }, { jobGroup: 'spl' }),
    ];
    const { groups: shown } = visibility(orgGroups([{ id: 'd' }], people), ['a'], 5);
    expect(shown.has(jobGroupGroup('d', 'spl'))).toBe(false);
    // d (13) − ssa (6) − ssh (6) would be the one nurse: not all three may be shown.
    expect([departmentGroup('d'), jobGroupGroup('d', 'ssa'), jobGroupGroup('d', 'ssh')].every((g) => shown.has(g))).toBe(false);
  });
});
