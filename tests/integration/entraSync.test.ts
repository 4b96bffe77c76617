import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { entraMappingSchema } from '../../src/domain/entraMapping';
import { GraphClient } from '../../src/graph/graphClient';
import { projectRoot } from '../../src/paths';
import { syncFromEntra, type SyncReport } from '../../src/services/entraSync';
import { type GraphStandIn, type StandInUser, startGraphStandIn } from '../support/graphStandIn';
import { snapshotTables } from '../support/tableSnapshot';
import { botHarness, demo, visibleText } from '../support/botHarness';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { createLogger } from '../../src/logger';
import { testRepositories } from '../support/storage';

// The organisation from Entra ID through the real sync, against a stand-in Graph on loopback
// (paging, delta rounds, 429 with Retry-After, broken answers) and a real Azurite.
let graph: GraphStandIn;
let repos: Awaited<ReturnType<typeof testRepositories>>;
const sleeps: number[] = [];
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number, name: string, department: string | null, manager?: number, extra: Partial<StandInUser> = {}): StandInUser => ({
  id: id(n), displayName: name, mail: `${name.split(' ')[0]!.toLowerCase()}@kommune.dk`, userPrincipalName: `u${n}@kommune.dk`,
  department, jobTitle: 'Medarbejder', accountEnabled: true, userType: 'Member', preferredLanguage: 'da-DK', ...(manager ? { managerId: id(manager) } : {}), ...extra,
});
const mapping = entraMappingSchema.parse({
  schemaVersion: 1,
  departments: { from: 'attribute', ids: { 'Social og Sundhed': 'social-sundhed', 'Hjemmeplejen Nord': 'hjemmeplejen-nord' } },
  hrGroups: ['grp-hr'], medGroups: [{ group: 'grp-med', area: 'social-sundhed' }], hovedudvalgGroups: ['grp-hu'], trGroups: ['grp-tr'],
});

const sync = (options: { owner?: string } = {}): Promise<SyncReport> => syncFromEntra({
  repos,
  graph: new GraphClient({
    baseUrl: graph.baseUrl, getToken: async () => graph.token, maxAttempts: 4,
    clock: { now: () => new Date(), sleep: async (ms) => void sleeps.push(ms) },
  }),
  mapping, now: () => new Date(), owner: options.owner ?? 'test',
});
const imported = async () => {
  const report = await sync();
  if (report.outcome !== 'imported') throw new Error(JSON.stringify(report));
  return report;
};

beforeAll(async () => {
  repos = await testRepositories();
  graph = await startGraphStandIn({ pageSize: 3 });
  graph.upsertUsers([
    person(6, 'Jens Poulsen', 'Social og Sundhed', undefined, { jobTitle: 'Direktør' }),
    person(13, 'Maria Rasmussen', 'Social og Sundhed', 6),
    person(2, 'Lars Nielsen', 'Hjemmeplejen Nord', 6, { jobTitle: 'Leder' }),
    person(1, 'Mette Jensen', 'Hjemmeplejen Nord', 2, { jobTitle: 'SOSU-assistent' }),
    person(3, 'Sofie Hansen', 'Hjemmeplejen Nord', 2),
    person(4, 'Ahmad Karimi', 'Hjemmeplejen Nord', 2, { preferredLanguage: 'en-US' }),
    person(16, 'Birgitte Olsen', 'Borgerservice', undefined, { jobTitle: 'Leder' }),
    person(17, 'Rasmus Thomsen', 'Borgerservice', 16),
    person(5, 'Camilla Holm', 'Borgerservice', 16, { jobTitle: 'HR-konsulent' }),
    person(50, 'Mødelokale Stuen', null),
    person(51, 'Gæst Konsulent', 'Borgerservice', 16, { userType: 'Guest' }),
  ]);
  graph.setGroup('grp-hr', [id(5)]);
  graph.setGroup('grp-med', [id(3), id(13)]);
  graph.setGroup('grp-hu', [id(13)]);
  graph.setGroup('grp-tr', [id(4)]);
});
afterAll(async () => {
  await graph?.close();
  await repos?.tables.dropTables();
});

describe('the organisation from Entra ID', () => {
  it('when the sync runs the first time, then it pages through every user and group member and imports the organisation by the rules', async () => {
    const report = await imported();
    expect(report).toMatchObject({ full: true, changes: 11, summary: { departments: 3, people: 9, deactivated: 0 }, skipped: { guests: 1, noDepartment: 1 } });
    // Eleven users at three a page: four pages of the delta round.
    expect(graph.requests.filter((r) => r.path === '/v1.0/users/delta')).toHaveLength(4);
    expect(await repos.org.getDepartment('hjemmeplejen-nord')).toEqual({ id: 'hjemmeplejen-nord', name: 'Hjemmeplejen Nord', parentId: 'social-sundhed' });
    expect(await repos.org.getPerson(id(2))).toMatchObject({ leaderOf: ['hjemmeplejen-nord'], departmentId: 'hjemmeplejen-nord' });
    expect(await repos.org.getPerson(id(1))).toMatchObject({ name: 'Mette Jensen', email: 'mette@kommune.dk', jobGroup: 'SOSU-assistent', language: 'da' });
    expect(await repos.org.getPerson(id(4))).toMatchObject({ language: 'en', trFor: ['hjemmeplejen-nord'] });
    expect(await repos.org.getPerson(id(5))).toMatchObject({ hrAdmin: true });
    expect(await repos.org.getPerson(id(13))).toMatchObject({ medAreas: ['social-sundhed'], hovedudvalg: true });
    expect(await repos.org.getRoleHolders('social-sundhed')).toMatchObject({ leaderIds: [id(6)], medIds: [id(13), id(3)].sort() });
    expect(await repos.org.getPerson(id(51))).toBeUndefined();
    expect((await repos.directory.state()).deltaLink).toMatch(/\/users\/delta\?\$deltatoken=/);
  });

  it('when nothing changed, then the next run asks for the changes only and writes nothing', async () => {
    const before = await snapshotTables(repos.prefix, ['directory']);
    const report = await imported();
    expect(report).toMatchObject({ full: false, changes: 0 });
    expect(await snapshotTables(repos.prefix, ['directory'])).toEqual(before);
  });

  it("when an account is disabled in Entra ID, then that person is deactivated — kept with their data and own choices — and leaves the department", async () => {
    await repos.preferences.setLanguage(id(3), 'en');
    graph.updateUser(id(3), { accountEnabled: false });
    expect((await imported()).summary.deactivated).toBe(1);
    expect(await repos.org.getPerson(id(3))).toMatchObject({ active: false, name: 'Sofie Hansen' });
    expect(await repos.org.listMemberIds('hjemmeplejen-nord')).not.toContain(id(3));
    expect((await repos.preferences.get(id(3)))?.language).toBe('en');
    graph.updateUser(id(3), { accountEnabled: true });
    await imported();
    expect(await repos.org.getPerson(id(3))).toMatchObject({ active: true, medAreas: ['social-sundhed'] });
    expect((await repos.preferences.get(id(3)))?.language).toBe('en');
  });

  it('when Hjemmeplejen Nord gets a new manager and Lars moves up, then the new manager leads it and Lars no longer does', async () => {
    graph.upsertUsers([person(30, 'Nina Holt', 'Hjemmeplejen Nord', 6, { jobTitle: 'Leder' })]);
    for (const n of [1, 3, 4]) graph.updateUser(id(n), { managerId: id(30) });
    graph.updateUser(id(2), { department: 'Social og Sundhed' });
    await imported();
    expect(await repos.org.getRoleHolders('hjemmeplejen-nord')).toMatchObject({ leaderIds: [id(30)] });
    expect(await repos.org.getPerson(id(2))).toMatchObject({ leaderOf: [], departmentId: 'social-sundhed' });
    expect(await repos.org.listMemberIds('social-sundhed')).toContain(id(2));
  });

  it('when a department is renamed in Entra ID, then it keeps its id, so its rounds, profiles and figures stay with it', async () => {
    await repos.departmentSettings.setProfile('borgerservice', '2026', { samarbejdskompetence: 4 });
    for (const n of [16, 17, 5]) graph.updateUser(id(n), { department: 'Borger- og Ydelsesservice' });
    await imported();
    expect(await repos.org.getDepartment('borgerservice')).toEqual({ id: 'borgerservice', name: 'Borger- og Ydelsesservice' });
    expect((await repos.org.listMemberIds('borgerservice')).sort()).toEqual([id(16), id(17), id(5)].sort());
    expect((await repos.departmentSettings.getProfile('borgerservice', '2026'))?.desired).toEqual({ samarbejdskompetence: 4 });
    expect((await repos.org.listDepartments()).map((d) => d.id).sort()).toEqual(['borgerservice', 'hjemmeplejen-nord', 'social-sundhed']);
  });

  it('when the managers go round in a ring, then nothing is written, every problem is named, and the changes come again once it is fixed', async () => {
    const linkBefore = (await repos.directory.state()).deltaLink;
    const before = await snapshotTables(repos.prefix, ['directory']);
    graph.updateUser(id(6), { managerId: id(2) });
    graph.updateUser(id(1), { jobTitle: 'Social- og sundhedsassistent' });
    const report = await sync();
    expect(report.outcome).toBe('refused');
    if (report.outcome === 'refused') {
      expect(report.problems.map((p) => p.message.da)).toEqual([expect.stringMatching(/Lederne i Entra ID går i ring: .*Jens Poulsen.*Lars Nielsen|Lars Nielsen.*Jens Poulsen/)]);
      expect(report.newProblems).toBe(true);
    }
    expect(await snapshotTables(repos.prefix, ['directory'])).toEqual(before);
    expect((await repos.directory.state())).toMatchObject({ deltaLink: linkBefore, lastOutcome: 'refused' });
    expect(await sync()).toMatchObject({ outcome: 'refused', newProblems: false });

    graph.updateUser(id(6), { managerId: undefined });
    await imported();
    // The change made while the sync was refused is not lost.
    expect((await repos.org.getPerson(id(1)))?.jobGroup).toBe('Social- og sundhedsassistent');
  });

  it('when Graph throttles with 429 and Retry-After, then the sync waits at least that long and carries on', async () => {
    sleeps.length = 0;
    graph.failNext([{ status: 429, retryAfter: '7' }, { status: 503, retryAfter: '2' }]);
    graph.updateUser(id(17), { jobTitle: 'Borgerrådgiver' });
    await imported();
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(7000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(2000);
    expect((await repos.org.getPerson(id(17)))?.jobGroup).toBe('Borgerrådgiver');
  });

  it('when Graph answers something broken (not JSON, the wrong shape, a link to another host), then the run fails, says so, and writes nothing', async () => {
    const before = await snapshotTables(repos.prefix, ['directory']);
    graph.updateUser(id(17), { jobTitle: 'Noget nyt' });
    graph.breakNext('not-json');
    await expect(sync()).rejects.toThrow(/did not answer JSON/);
    graph.breakNext('wrong-shape');
    await expect(sync()).rejects.toThrow(/unexpected answer/);
    // A next page on another host would get the token: it is refused before any request.
    graph.breakNext('foreign-link');
    await expect(sync()).rejects.toThrow(/graph\.example\.net.* is not on http:\/\/127\.0\.0\.1/);
    expect(await snapshotTables(repos.prefix, ['directory'])).toEqual(before);
    expect(await repos.directory.state()).toMatchObject({ lastOutcome: 'failed' });
    await imported();
    expect((await repos.org.getPerson(id(17)))?.jobGroup).toBe('Noget nyt');
  });

  it('when a user is deleted and Graph has forgotten the delta round (410), then a full round is read and the deleted user is deactivated', async () => {
    graph.deleteUser(id(17));
    graph.expireDeltaTokens();
    const report = await imported();
    expect(report).toMatchObject({ full: true, summary: { deactivated: 1 } });
    expect(await repos.org.getPerson(id(17))).toMatchObject({ active: false });
  });

  it('when a user is deleted between two delta rounds, then the @removed user is deactivated', async () => {
    graph.deleteUser(id(4));
    expect((await imported()).summary.deactivated).toBe(1);
    expect(await repos.org.getPerson(id(4))).toMatchObject({ active: false, name: 'Ahmad Karimi' });
  });

  it('when two runs start at once (two instances, or the command beside the schedule), then one runs and the other says it is busy', async () => {
    // The first run is held at its first call to Graph, so the two surely overlap.
    const held = graph.hold();
    const first = sync({ owner: 'instance-a' });
    while (held.waiting() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await sync({ owner: 'instance-b' })).outcome).toBe('busy');
    held.release();
    expect((await first).outcome).toBe('imported');
  });

  it('when `npm run org:sync` is run against the stand-in, then it imports and says what it did', async () => {
    graph.updateUser(id(13), { jobTitle: 'Udviklingskonsulent' });
    const rules = path.join(projectRoot, 'tests/support/entra-mapping.test.json');
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/org-sync.ts', '--rules', rules, '--lang', 'en'], {
        cwd: projectRoot,
        env: {
          ...process.env, APP_ENV: 'local', STORAGE_CONNECTION_STRING: inject('storageConnectionString'), TABLE_PREFIX: repos.prefix,
          GRAPH_BASE_URL: graph.baseUrl, GRAPH_TOKEN: graph.token,
        },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (c) => resolve({ code: c, stdout: out }));
    });
    expect(stdout).toContain('Delta sync (1 changes in Entra ID)');
    expect(code).toBe(0);
    expect((await repos.org.getPerson(id(13)))?.jobGroup).toBe('Udviklingskonsulent');
  });
});

describe('the sync on the durable schedule', () => {
  it('when the scheduled sync finds a ring of managers, then HR is told once what is wrong, nothing changes, and the next period imports the fix', async () => {
    const harness = await botHarness();
    const standIn = await startGraphStandIn({ pageSize: 50 });
    try {
      await harness.install(demo.camilla);
      harness.takeProactive();
      standIn.upsertUsers([
        person(5, 'Camilla Holm', 'Borgerservice', 16), person(16, 'Birgitte Olsen', 'Borgerservice', 17), person(17, 'Rasmus Thomsen', 'Borgerservice', 16),
      ]);
      standIn.setGroup('grp-hr', [id(5)]);
      const rules = entraMappingSchema.parse({ schemaVersion: 1, departments: { from: 'attribute' }, hrGroups: ['grp-hr'] });
      const jobs = createJobs({
        repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders, policy: nudgePolicyOf(harness.config, harness.domainData),
        logger: createLogger('silent'), aarshjul: false,
        entraSync: { graph: new GraphClient({ baseUrl: standIn.baseUrl, getToken: async () => standIn.token }), mapping: rules, everyMinutes: 60 },
      });
      const people = await harness.repos.org.listPeople();
      await jobs.runDue(new Date('2026-06-01T09:05:00Z'));
      const told = harness.takeProactive().filter((a) => visibleText(a).includes('Organisationen fra Entra ID er ikke opdateret'));
      expect(told).toHaveLength(1);
      expect(visibleText(told[0]!)).toMatch(/Lederne i Entra ID går i ring: .*(Birgitte Olsen.*Rasmus Thomsen|Rasmus Thomsen.*Birgitte Olsen)/);
      expect(await harness.repos.org.listPeople()).toEqual(people);
      // The next period: still wrong, HR is not told again.
      await jobs.runDue(new Date('2026-06-01T10:05:00Z'));
      expect(harness.takeProactive()).toHaveLength(0);
      standIn.updateUser(id(16), { managerId: undefined });
      await jobs.runDue(new Date('2026-06-01T11:05:00Z'));
      expect(await harness.repos.org.getRoleHolders('borgerservice')).toMatchObject({ leaderIds: [id(16)] });
      // Everyone the directory does not list (the rest of the demo) has been deactivated, not deleted.
      expect(await harness.repos.org.getPerson(demo.mette.aadObjectId)).toMatchObject({ active: false, name: 'Mette Jensen' });
    } finally {
      await standIn.close();
    }
  });
});
