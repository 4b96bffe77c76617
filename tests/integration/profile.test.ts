import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { preparationContext, ratedCompetences } from '../../src/services/preparation';
import { botHarness, demo, visibleText } from '../support/botHarness';

// The department's competence profile: department-wide and per job group, the department's own
// professional competences, kept per cycle. Through the real bot on Azurite.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { lars, mette, birgitte } = demo;
const anne = { aadObjectId: '0d1e2f30-0000-4000-8000-000000000007', name: 'Anne Kristensen' }; // Sygeplejerske
const department = 'hjemmeplejen-nord';
const cycle = String(new Date().getUTCFullYear());

beforeAll(async () => {
  harness = await botHarness();
});

const invokeCard = (replies: Partial<Activity>[]) =>
  (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: Record<string, unknown> } }).body.value;
const text = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });
const contextOf = async (id: string) => preparationContext(harness.repos, harness.domainData, (await harness.repos.org.getPerson(id))!, new Date());

describe('the competence profile', () => {
  it('when Lars opens the profile, then he can switch to each job group of his department and add competences of its own', async () => {
    const card = (await harness.submit(lars, { verb: verbs.profileOpen, departmentId: department }))[0]!;
    const shown = visibleText(card);
    for (const jobGroup of ['Social- og sundhedsassistent', 'Social- og sundhedshjælper', 'Sygeplejerske']) expect(shown).toContain(jobGroup);
    expect(shown).not.toContain('Leder');
    expect(shown).toContain('Afdelingens egne faglige kompetencer');
  });

  it('when Lars sets a level for the department and another for nurses, then each employee sees the level of their own job group', async () => {
    await harness.execute(lars, verbs.profileSave, { departmentId: department, jobGroup: '', d_samarbejdskompetence: '3' });
    const nurses = invokeCard(await harness.execute(lars, verbs.profileShow, { departmentId: department, jobGroup: 'Sygeplejerske' }));
    expect(text(nurses)).toContain('Sygeplejerske');
    expect(JSON.stringify(nurses)).toContain('Afdelingens ønskede niveau: 3');
    const saved = text(invokeCard(await harness.execute(lars, verbs.profileSave, { departmentId: department, jobGroup: 'Sygeplejerske', d_samarbejdskompetence: '5' })));
    expect(saved).toContain('Profilen er gemt');

    expect((await contextOf(anne.aadObjectId)).desired.samarbejdskompetence).toBe(5);
    expect((await contextOf(mette.aadObjectId)).desired.samarbejdskompetence).toBe(3);
  });

  it('when Lars adds a professional competence, then his employees rate themselves on it in their MUS preparation', async () => {
    const refused = invokeCard(await harness.execute(lars, verbs.profileSave, { departmentId: department, jobGroup: '', c_name: 'Sårpleje', c_group: 'resultater' }));
    expect(text(refused)).toContain('Beskriv den nye kompetence med en linje.');
    expect(JSON.stringify(refused)).toContain('"value":"Sårpleje"');
    expect(ratedCompetences(await contextOf(mette.aadObjectId)).map((c) => c.name.da)).not.toContain('Sårpleje');

    await harness.execute(lars, verbs.profileSave, {
      departmentId: department, jobGroup: '', d_samarbejdskompetence: '3', c_name: 'Sårpleje', c_short: 'Behandler og forebygger sår hos borgere i eget hjem.', c_group: 'resultater',
    });
    const ctx = await contextOf(mette.aadObjectId);
    const step = ctx.steps.find((s) => s.kind === 'rating' && s.group.id === 'resultater')!;
    expect(step.kind === 'rating' && step.group.competences.map((c) => c.name.da)).toContain('Sårpleje');
    // Lars's own LUS is about leading, not the department's professional competences.
    expect(ratedCompetences(await contextOf(lars.aadObjectId)).map((c) => c.name.da)).not.toContain('Sårpleje');

    // Mette meets it on the rating card of its group.
    await harness.say(mette, 'forbered MUS');
    const rating = invokeCard(await harness.execute(mette, verbs.prepGoto, { version: 0, target: 'rating-resultater' }));
    expect(text(rating)).toContain('Sårpleje');
  });

  it('when Lars removes the competence, then it is no longer rated, and the department-wide levels stay', async () => {
    const profile = (await harness.repos.departmentSettings.getProfile(department, cycle))!;
    const id = profile.competences[0]!.id;
    await harness.execute(lars, verbs.profileRemoveCompetence, { departmentId: department, competenceId: id });
    expect(ratedCompetences(await contextOf(mette.aadObjectId)).map((c) => c.id)).not.toContain(id);
    expect((await contextOf(mette.aadObjectId)).desired.samarbejdskompetence).toBe(3);
  });

  it('when a new cycle starts, then last cycle\'s profile is in force until changed, and changing it leaves last cycle as it was', async () => {
    const next = String(Number(cycle) + 1);
    expect((await harness.repos.departmentSettings.getProfile(department, next))?.jobGroups).toEqual({ Sygeplejerske: { samarbejdskompetence: 5 } });
    await harness.repos.departmentSettings.setProfile(department, next, { samarbejdskompetence: 2 });
    expect((await harness.repos.departmentSettings.getProfile(department, next))?.desired).toEqual({ samarbejdskompetence: 2 });
    expect((await harness.repos.departmentSettings.getProfile(department, cycle))?.desired).toEqual({ samarbejdskompetence: 3 });
  });

  it('when a card names a job group the department does not have, or another leader tries, then nothing is saved', async () => {
    const before = await harness.repos.departmentSettings.getProfile(department, cycle);
    expect(text(invokeCard(await harness.execute(lars, verbs.profileSave, { departmentId: department, jobGroup: 'Piloter', d_samarbejdskompetence: '1' })))).toContain('ingen faggruppe "Piloter"');
    expect(text(invokeCard(await harness.execute(birgitte, verbs.profileSave, { departmentId: department, jobGroup: '', d_samarbejdskompetence: '1' })))).toContain('ikke adgang');
    expect(await harness.repos.departmentSettings.getProfile(department, cycle)).toEqual(before);
  });
});
