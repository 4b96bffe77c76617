import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisationFile } from '../../scripts/lib/demo';
import { importOrganisationFile } from '../../src/services/orgImport';
import { testRepositories } from '../support/storage';

let repos: Awaited<ReturnType<typeof testRepositories>>;
let demoCsv: string;
beforeAll(async () => {
  repos = await testRepositories();
  demoCsv = await readFile(demoOrganisationFile, 'utf8');
});

const mette = '0d1e2f30-0000-4000-8000-000000000001';
const sofie = '0d1e2f30-0000-4000-8000-000000000003';

describe('importing the organisation into Table Storage', () => {
  it('when the demo file is imported, then departments, people and memberships are stored', async () => {
    const result = await importOrganisationFile(repos, demoCsv);
    expect(result).toEqual({ ok: true, summary: { departments: 3, people: 24, deactivated: 0 } });
    expect((await repos.org.getPerson(mette))?.name).toBe('Mette Jensen');
    expect((await repos.org.getDepartment('hjemmeplejen-nord'))?.parentId).toBe('social-sundhed');
    expect(await repos.org.listMemberIds('hjemmeplejen-nord')).toContain(mette);
  });

  it('when the demo file is imported, then each department knows its MED members and tillidsrepræsentanter', async () => {
    expect(await repos.org.getRoleHolders('social-sundhed')).toEqual({
      leaderIds: ['0d1e2f30-0000-4000-8000-000000000006'],
      medIds: [sofie, '0d1e2f30-0000-4000-8000-000000000013'],
      trIds: [],
    });
    expect((await repos.org.getRoleHolders('hjemmeplejen-nord')).trIds).toEqual(['0d1e2f30-0000-4000-8000-000000000007']);
    expect((await repos.org.getPerson('0d1e2f30-0000-4000-8000-000000000013'))?.hovedudvalg).toBe(true);
  });

  it('when a broken file is imported, then nothing at all is written and every problem has a line', async () => {
    const broken = demoCsv.replace('mette.jensen@demokommune.dk', 'not-an-email').replace('Lars Nielsen', 'Lars Nielsen Ny') + 'person,bad-id,X,x@y.dk,ukendt,,,,nej,,,,\n';
    const result = await importOrganisationFile(repos, broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.line)).toEqual([5, 29]);
    expect((await repos.org.getPerson('0d1e2f30-0000-4000-8000-000000000002'))?.name).toBe('Lars Nielsen');
    expect((await repos.org.getPerson(mette))?.email).toBe('mette.jensen@demokommune.dk');
  });

  it('when the file is re-imported with changes, then people are updated, moved and deactivated, and their own choices are kept', async () => {
    await repos.preferences.setLanguage(mette, 'en');
    const changed = demoCsv
      .split('\n')
      .filter((line) => !line.includes(sofie))
      .join('\n')
      .replace(`${mette},Mette Jensen,mette.jensen@demokommune.dk,hjemmeplejen-nord`, `${mette},Mette Jensen,mette.jensen@demokommune.dk,borgerservice`);
    const result = await importOrganisationFile(repos, changed);
    expect(result).toEqual({ ok: true, summary: { departments: 3, people: 23, deactivated: 1 } });

    expect((await repos.org.getPerson(mette))?.departmentId).toBe('borgerservice');
    expect(await repos.org.listMemberIds('borgerservice')).toContain(mette);
    expect(await repos.org.listMemberIds('hjemmeplejen-nord')).not.toContain(mette);
    expect((await repos.preferences.get(mette))?.language).toBe('en');

    const gone = await repos.org.getPerson(sofie);
    expect(gone?.active).toBe(false);
    expect(gone?.name).toBe('Sofie Hansen');
    expect(await repos.org.listMemberIds('hjemmeplejen-nord')).not.toContain(sofie);
  });

  it('when the same file is imported twice, then the second run changes nothing', async () => {
    await importOrganisationFile(repos, demoCsv);
    const first = await repos.org.listPeople();
    await importOrganisationFile(repos, demoCsv);
    const second = await repos.org.listPeople();
    expect(second.map((p) => [p.id, p.departmentId, p.active])).toEqual(first.map((p) => [p.id, p.departmentId, p.active]));
  });

  it('when a file is imported again unchanged, then no person row is written again (only who changed is)', async () => {
    const stamps = async () => new Map((await repos.tables.table('people').listEntities().byPage().next()).value.map((e: { partitionKey: string; timestamp?: string }) => [e.partitionKey, e.timestamp]));
    await importOrganisationFile(repos, demoCsv);
    const before = await stamps();
    await importOrganisationFile(repos, demoCsv.replace('Lars Nielsen', 'Lars Nielsen-Bro'));
    const after = await stamps();
    const rewritten = [...after].filter(([id, stamp]) => before.get(id) !== stamp).map(([id]) => id);
    expect(rewritten).toEqual(['0d1e2f30-0000-4000-8000-000000000002']);
  });
});
