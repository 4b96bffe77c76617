import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoYear } from '../../scripts/lib/demoYear';
import { grusOverview } from '../../src/services/grus';
import { requireMember } from '../../src/services/identity';
import { botHarness, demo, visibleText } from '../support/botHarness';
import { demoId } from '../support/ratings';
import { snapshotTables } from '../support/tableSnapshot';

// `npm run seed:demo` (and the first `npm start`) load a year of use, so that every persona
// sees the product working at once. Checked as each persona sees it, through the bot.

let harness: Awaited<ReturnType<typeof botHarness>>;
const now = new Date();
const current = String(now.getUTCFullYear());
const last = String(now.getUTCFullYear() - 1);
const text = (replies: Array<Parameters<typeof visibleText>[0]>) => replies.map(visibleText).join('\n');

beforeAll(async () => {
  harness = await botHarness();
  expect(await seedDemoYear(harness.repos, harness.domainData, now)).toMatchObject({ cycles: { current, last }, shared: 3 });
}, 180_000);
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

describe('the demo year', () => {
  it('has at least 5 raters in Hjemmeplejen Nord and the municipality in both cycles, and fewer in the night team', async () => {
    const departmentOf = new Map((await harness.repos.org.listPeople()).map((person) => [person.id.toLowerCase(), person.departmentId]));
    for (const cycle of [last, current]) {
      const raters = [...(await harness.repos.preparations.listRatings(cycle)).keys()].map((id) => departmentOf.get(id.toLowerCase()));
      const count = (...departments: string[]) => raters.filter((department) => department && departments.includes(department)).length;
      expect(count('hjemmeplejen-nord'), `Hjemmeplejen Nord ${cycle}`).toBeGreaterThanOrEqual(5);
      expect(count('hjemmeplejen-nord-nat'), `the night team ${cycle}`).toBeGreaterThan(0);
      expect(count('hjemmeplejen-nord-nat'), `the night team ${cycle}`).toBeLessThan(5);
      expect(raters.length, `the municipality ${cycle}`).toBeGreaterThanOrEqual(10);
    }
  });

  it('when Lars opens "min afdeling", then he sees who prepared, three shared preparations and an approved plan — and his night team', async () => {
    const department = text(await harness.say(demo.lars, 'min afdeling'));
    expect(department).toMatch(/Har forberedt sig\n7\nHar delt med dig\n3\nGodkendte udviklingsplaner\n1/);
    expect(department).toContain('**Mangler at forberede sig:** Ahmad Karimi, Mette Jensen, Sofie Hansen');
    expect(department).toContain('Hjemmeplejen Nord – Nat');
    expect(department).toContain('**Mangler at forberede sig:** Bo Winther');
  });

  it('when Camilla (HR) opens "kommunen", then the municipality and its departments show figures with a trend, and the night team one line', async () => {
    const municipality = text(await harness.say(demo.camilla, 'kommunen'));
    expect(municipality).toMatch(/\*\*Hjemmeplejen Nord\*\*\n9 har vurderet sig selv · største gab: /);
    // The night team: how many rated, one line, no figures.
    expect(municipality).toMatch(/\*\*Hjemmeplejen Nord – Nat\*\*\n\d har vurderet sig selv\n\*\*/);
    expect(municipality).toMatch(/Kompetencegab – Hele kommunen \(\d{4}\)\nTal fra .+ · 1\d har vurderet sig selv/);
    expect(municipality).toContain('siden sidste år');
  });

  it('when Mette types "forbered MUS", then she carries on from the third step', async () => {
    expect(text(await harness.say(demo.mette, 'forbered MUS'))).toMatch(/Trin 3 af \d+/);
  });

  it('when Anne opens her development plan, then it is approved by both, with two actions', async () => {
    const plan = text(await harness.say({ aadObjectId: demoId(7), name: 'Anne Kristensen' }, 'udviklingsplan'));
    expect(plan).toContain('Blive ressourceperson for demens i teamet');
    expect(plan).toContain('AMU-kursus i demens');
    expect(plan).toContain('Følges med Hanne på demensbesøg');
    expect(plan).toContain('Godkendt af begge (version 1)');
  });

  it('has the gap summary posted in the team\'s channel with five votes, and a GRUS answered by six and posted', async () => {
    const votes = await harness.repos.postings.votesFor('hjemmeplejen-nord', current);
    expect([...votes.values()].reduce((sum, n) => sum + n, 0)).toBe(5);
    const [grus] = await grusOverview(harness.repos, await requireMember(harness.repos, demo.lars.aadObjectId, 'da-DK'));
    expect(grus).toMatchObject({ grus: { state: 'posted', respondents: 6 } });
  });

  it('sends nothing and, loaded again, adds nothing and keeps everyone active', async () => {
    // The organisation is imported again (its rows get a new time stamp); the year is not.
    const organisation = ['activities', 'departments', 'people', 'memberships'] as const;
    const before = await snapshotTables(harness.repos.prefix, organisation);
    expect(before.outbox).toEqual([]);
    expect(await seedDemoYear(harness.repos, harness.domainData, now)).toBe('already-loaded');
    expect(await snapshotTables(harness.repos.prefix, organisation)).toEqual(before);
    const people = await harness.repos.org.listPeople();
    expect(people.filter((person) => person.active)).toHaveLength(27);
  });
});
