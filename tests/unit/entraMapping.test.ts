import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DirectoryUser, departmentIdFromName, type EntraMapping, entraMappingSchema, findManagerCycle, mapDirectory } from '../../src/domain/entraMapping';
import { findParentCycle } from '../../src/domain/org';

// The mapping rules that turn Entra ID's users and groups into the organisation (pure).
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;
const user = (n: number, name: string, department: string | null, manager?: number, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: id(n), displayName: name, mail: `${name.split(' ')[0]!.toLowerCase()}@kommune.dk`, userPrincipalName: `u${n}@kommune.dk`, department,
  jobTitle: 'Medarbejder', accountEnabled: true, userType: 'Member', preferredLanguage: 'da-DK', ...(manager ? { managerId: id(manager) } : {}), ...extra,
});
const byAttribute = (extra: object = {}): EntraMapping => entraMappingSchema.parse({ schemaVersion: 1, departments: { from: 'attribute', ...extra } });

// Jens directs Social og Sundhed; Lars leads Hjemmeplejen Nord below it; Birgitte leads Borgerservice.
const directory = (): DirectoryUser[] => [
  user(6, 'Jens Poulsen', 'Social og Sundhed', undefined, { jobTitle: 'Direktør' }),
  user(13, 'Maria Rasmussen', 'Social og Sundhed', 6),
  user(2, 'Lars Nielsen', 'Hjemmeplejen Nord', 6, { jobTitle: 'Leder' }),
  user(1, 'Mette Jensen', 'Hjemmeplejen Nord', 2, { jobTitle: 'SOSU-assistent', preferredLanguage: 'en-GB' }),
  user(3, 'Sofie Hansen', 'Hjemmeplejen Nord', 2),
  user(16, 'Birgitte Olsen', 'Borgerservice', undefined, { jobTitle: 'Leder' }),
  user(17, 'Rasmus Thomsen', 'Borgerservice', 16),
];
const noGroups = new Map<string, Set<string>>();
const organisationOf = (result: ReturnType<typeof mapDirectory>) => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.organisation;
};

describe('the organisation from Entra ID', () => {
  it('when departments come from the department attribute, then the manager tree gives each its leader and the tree above it', () => {
    const org = organisationOf(mapDirectory(directory(), noGroups, byAttribute(), {}));
    expect(org.departments).toEqual([
      { id: 'borgerservice', name: 'Borgerservice' },
      { id: 'hjemmeplejen-nord', name: 'Hjemmeplejen Nord', parentId: 'social-og-sundhed' },
      { id: 'social-og-sundhed', name: 'Social og Sundhed' },
    ]);
    const person = (n: number) => org.people.find((p) => p.id === id(n))!;
    expect(person(2).leaderOf).toEqual(['hjemmeplejen-nord']);
    expect(person(6).leaderOf).toEqual(['social-og-sundhed']);
    expect(person(16).leaderOf).toEqual(['borgerservice']);
    expect(person(1)).toMatchObject({ departmentId: 'hjemmeplejen-nord', jobGroup: 'SOSU-assistent', language: 'en', leaderOf: [], email: 'mette@kommune.dk' });
  });

  it('when a leader is filed under the parent department, then they still lead the department of the people they manage', () => {
    const users = directory().map((u) => (u.id === id(2) ? { ...u, department: 'Social og Sundhed' } : u));
    const org = organisationOf(mapDirectory(users, noGroups, byAttribute(), {}));
    expect(org.people.find((p) => p.id === id(2))).toMatchObject({ departmentId: 'social-og-sundhed', leaderOf: ['hjemmeplejen-nord'] });
    expect(org.departments.find((d) => d.id === 'hjemmeplejen-nord')?.parentId).toBe('social-og-sundhed');
  });

  it('when the rules pin ids and parents, and groups name HR, MED, Hovedudvalget and TRs, then those are used', () => {
    const groups = new Map([['hr', new Set([id(16)])], ['med-ss', new Set([id(3), id(13)])], ['hu', new Set([id(13)])], ['tr', new Set([id(3)])]]);
    const mapping = entraMappingSchema.parse({
      schemaVersion: 1, departments: { from: 'attribute', ids: { 'Social og Sundhed': 'social-sundhed' }, parents: { borgerservice: 'social-sundhed' } },
      hrGroups: ['hr'], medGroups: [{ group: 'med-ss', area: 'Social og Sundhed' }], hovedudvalgGroups: ['hu'], trGroups: ['tr'],
    });
    const org = organisationOf(mapDirectory(directory(), groups, mapping, {}));
    expect(org.departments.find((d) => d.id === 'borgerservice')?.parentId).toBe('social-sundhed');
    const person = (n: number) => org.people.find((p) => p.id === id(n))!;
    expect(person(16).hrAdmin).toBe(true);
    expect(person(3)).toMatchObject({ medAreas: ['social-sundhed'], trFor: ['hjemmeplejen-nord'], hovedudvalg: false });
    expect(person(13)).toMatchObject({ medAreas: ['social-sundhed'], hovedudvalg: true, trFor: [] });
  });

  it('when a group in the rules is not in Entra ID, or a MED area is not a department, then the run is refused naming each', () => {
    const mapping = entraMappingSchema.parse({ schemaVersion: 1, departments: { from: 'attribute' }, hrGroups: ['gone'], medGroups: [{ group: 'med', area: 'Ukendt' }] });
    const result = mapDirectory(directory(), new Map([['med', new Set<string>()]]), mapping, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message.en)).toEqual([
      'The group gone in the rules does not exist in Entra ID.',
      'The MED committee\'s area "Ukendt" is not a department.',
    ]);
  });

  it('when managers go round in a ring, then the run is refused and the ring is named', () => {
    const users = [user(1, 'Anne A', 'X', 2), user(2, 'Bo B', 'Y', 3), user(3, 'Carl C', 'Y', 1)];
    const result = mapDirectory(users, noGroups, byAttribute(), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message.da).toMatch(/Lederne i Entra ID går i ring: (Anne A → Bo B → Carl C → Anne A|Bo B → Carl C → Anne A → Bo B|Carl C → Anne A → Bo B → Carl C)/);
  });

  it('when disabled accounts, guests, people outside the scope group and people without a department are read, then they are left out and counted', () => {
    const users = [
      ...directory(), user(30, 'Slukket Konto', 'Borgerservice', 16, { accountEnabled: false }), user(31, 'Gæst Person', 'Borgerservice', 16, { userType: 'Guest' }),
      user(32, 'Mødelokale', null),
    ];
    const inScope = new Set(users.map((u) => u.id).filter((u) => u !== id(17)));
    const result = mapDirectory(users, new Map([['alle', inScope]]), entraMappingSchema.parse({ schemaVersion: 1, departments: { from: 'attribute' }, scopeGroup: 'alle' }), {});
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.skipped).toEqual({ outOfScope: 1, disabled: 1, guests: 1, noDepartment: 1 });
    expect(result.organisation.people.map((p) => p.id)).not.toContain(id(30));
  });

  it('when a person has neither mail nor a usable name, then the run is refused naming them', () => {
    const users = [...directory(), user(40, '', 'Borgerservice', 16, { mail: null, userPrincipalName: 'not-an-address' })];
    const result = mapDirectory(users, noGroups, byAttribute(), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message.en).toContain(`(uden navn) (${id(40)}) cannot be used`);
  });

  it('when a department is renamed in Entra ID, then it keeps its id (its history stays) and only its name changes', () => {
    const first = mapDirectory(directory(), noGroups, byAttribute(), {});
    if (!first.ok) throw new Error('first run');
    const previousDepartmentOf = new Map(first.organisation.people.map((p) => [p.id, p.departmentId]));
    const renamed = directory().map((u) => (u.department === 'Borgerservice' ? { ...u, department: 'Borger- og Ydelsesservice' } : u));
    const second = organisationOf(mapDirectory(renamed, noGroups, byAttribute(), first.departmentIds, previousDepartmentOf));
    expect(second.departments.find((d) => d.id === 'borgerservice')).toEqual({ id: 'borgerservice', name: 'Borger- og Ydelsesservice' });
    expect(second.people.find((p) => p.id === id(17))?.departmentId).toBe('borgerservice');
  });

  it('when a new department takes half its people from a department that goes on, then it is a new department, not a rename', () => {
    const split = directory().map((u) => (u.id === id(3) ? { ...u, department: 'Hjemmeplejen Syd' } : u));
    const first = organisationOf(mapDirectory(directory(), noGroups, byAttribute(), {}));
    const org = organisationOf(mapDirectory(split, noGroups, byAttribute(), {}, new Map(first.people.map((p) => [p.id, p.departmentId]))));
    expect(org.departments.map((d) => d.id)).toContain('hjemmeplejen-syd');
    expect(org.departments.map((d) => d.id)).toContain('hjemmeplejen-nord');
  });

  it('when departments come from the manager tree, then each manager leads a unit of their reports, nested as the managers are', () => {
    const org = organisationOf(mapDirectory(directory(), noGroups, entraMappingSchema.parse({ schemaVersion: 1, departments: { from: 'manager-tree' } }), {}));
    const person = (n: number) => org.people.find((p) => p.id === id(n))!;
    // Lars's unit is named by his department attribute; it sits below Jens's.
    expect(person(1).departmentId).toBe('hjemmeplejen-nord');
    expect(person(2)).toMatchObject({ departmentId: 'social-og-sundhed', leaderOf: ['hjemmeplejen-nord'] });
    expect(org.departments.find((d) => d.id === 'hjemmeplejen-nord')?.parentId).toBe('social-og-sundhed');
    expect(person(6).leaderOf).toEqual(['social-og-sundhed']);
  });

  it('names become ids with Danish letters spelt out', () => {
    expect(departmentIdFromName('Ældreplejen – Øst & Ådalen')).toBe('aeldreplejen-oest-aadalen');
    expect(findManagerCycle(new Map([['a', 'b'], ['b', undefined]]))).toBeUndefined();
  });

  it('for any directory, a run is either refused with problems or an organisation the CSV import would accept (no ring, every reference a department)', () => {
    const arbitraryDirectory = fc.array(
      fc.record({ department: fc.option(fc.constantFrom('A', 'B', 'C', 'D', 'Æble Øst'), { nil: null }), manager: fc.option(fc.nat(11), { nil: undefined }), enabled: fc.boolean() }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(fc.property(arbitraryDirectory, (rows) => {
      const users = rows.map((r, i) => user(i + 1, `Person ${i + 1}`, r.department, r.manager !== undefined && r.manager < rows.length ? r.manager + 1 : undefined, { accountEnabled: r.enabled }));
      const result = mapDirectory(users, noGroups, byAttribute(), {});
      if (!result.ok) return result.problems.length > 0;
      const { departments, people } = result.organisation;
      const ids = new Set(departments.map((d) => d.id));
      expect(findParentCycle(departments)).toBeUndefined();
      for (const d of departments) if (d.parentId) expect(ids).toContain(d.parentId);
      for (const p of people) {
        expect(ids).toContain(p.departmentId);
        for (const led of p.leaderOf) expect(ids).toContain(led);
      }
      return true;
    }), { numRuns: 300 });
  });
});
