import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { parseConfig } from '../../src/config';
import { milestonesFor, reminderDue } from '../../src/domain/aarshjul';
import { zonedTime } from '../../src/domain/quietHours';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { reminderId } from '../../src/jobs/milestones';
import { createLogger } from '../../src/logger';
import { effectiveAarshjul } from '../../src/services/aarshjul';
import { botHarness, demo, visibleText } from '../support/botHarness';

// HR changes the årshjul in chat; the stored edits lie over the data file and the schedule
// follows them. Through the real bot and scheduler on Azurite. The jobs run on an injected clock
// in next year's cycle; the form's dates are checked against this year (± 1).
let harness: Awaited<ReturnType<typeof botHarness>>;
const { camilla, lars, mette, birgitte } = demo;
const frederik = { aadObjectId: '0d1e2f30-0000-4000-8000-000000000021', name: 'Frederik Berg' };
const next = new Date().getUTCFullYear() + 1;
const cph = (date: string, hour: number) => zonedTime(`${next}-${date}`, hour, 0, 'Europe/Copenhagen');
const config = parseConfig({ APP_ENV: 'local' });

beforeAll(async () => {
  harness = await botHarness();
  await harness.install(birgitte);
});
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

const invokeCard = (replies: Partial<Activity>[]) =>
  (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: Record<string, unknown> } }).body.value;
const text = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });
const jobs = () => createJobs({
  repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders,
  policy: nudgePolicyOf(config, harness.domainData), logger: createLogger('silent'),
});
const milestone = async (id: string, departmentId?: string) => milestonesFor(await effectiveAarshjul(harness.repos, harness.domainData), departmentId).find((m) => m.id === id);
const save = async (departmentId: string, fields: Record<string, unknown>) => text(invokeCard(await harness.execute(camilla, verbs.aarshjulSave, { departmentId, ...fields })));
const resetAll = () => harness.execute(camilla, verbs.aarshjulReset, { departmentId: '' });

describe('HR edits the årshjul in chat', () => {
  it('when Camilla opens the årshjul, then each milestone shows its date, notice and switch', async () => {
    const card = (await harness.say(camilla, 'årshjul'))[0]!;
    expect(visibleText(card)).toContain('Årshjulet – Hele kommunen');
    const json = JSON.stringify(card);
    expect(json).toContain(`"id":"date_lederforum-evaluation","label":"Dato","value":"${next - 1}-12-01"`);
    expect(json).toContain('"id":"lead_lederforum-evaluation","label":"Varsel (dage før)","min":0,"max":90,"value":21');
    expect(json).toContain('"id":"on_lederforum-evaluation","title":"Aktiv","value":"true"');
  });

  it('when a leader, an employee or an English-speaking employee asks for the årshjul or saves it, then they are told, in their language, that HR changes it', async () => {
    expect(visibleText((await harness.say(lars, 'årshjul'))[0]!)).toContain('Årshjulet ændres af HR');
    expect(visibleText((await harness.say(mette, 'årshjul'))[0]!)).toContain('Årshjulet ændres af HR');
    expect(visibleText((await harness.say(frederik, 'annual cycle'))[0]!)).toContain('HR changes the annual cycle');
    expect(text(invokeCard(await harness.execute(lars, verbs.aarshjulSave, { departmentId: '', 'lead_mus-held': '3' })))).toContain('ikke adgang');
    expect(await milestone('mus-held')).toMatchObject({ leadTimeDays: 14 });
  });

  it('when Camilla moves a milestone, then the årshjul in force and its planned reminder move with it', async () => {
    // Planned from the file first: Lederforum on 1 December, reminder 21 days before.
    await jobs().runDue(cph('10-01', 9));
    const before = (await harness.repos.schedule.get(`milestone|${next}|lederforum-evaluation|municipality`))!;
    expect(before.payload).toMatchObject({ date: `${next}-12-01` });

    expect(await save('', { 'date_lederforum-evaluation': `${next}-12-08`, 'lead_lederforum-evaluation': '7' })).toContain('Årshjulet er gemt');
    expect(await milestone('lederforum-evaluation')).toMatchObject({ date: { month: 12, day: 8 }, leadTimeDays: 7 });
    expect((await harness.repos.aarshjul.load()).municipality).toEqual([{ id: 'lederforum-evaluation', date: { month: 12, day: 8 }, leadTimeDays: 7 }]);

    await jobs().runDue(cph('10-01', 10));
    const after = (await harness.repos.schedule.get(`milestone|${next}|lederforum-evaluation|municipality`))!;
    expect(after).toMatchObject({ state: 'pending', payload: { date: `${next}-12-08` } });
    expect(after.dueAt).toBe(cph('12-01', 8).toISOString());
  });

  it('when Camilla switches a milestone off for one department, then it is gone there and stays elsewhere', async () => {
    const card = invokeCard(await harness.execute(camilla, verbs.aarshjulShow, { scope: 'borgerservice' }));
    expect(text(card)).toContain('Årshjulet – Borgerservice');
    await save('borgerservice', { 'on_mid-year-follow-up': 'false' });
    expect((await harness.repos.aarshjul.load()).departments).toEqual([{ departmentId: 'borgerservice', milestones: [{ id: 'mid-year-follow-up', disabled: true }] }]);
    expect(await milestone('mid-year-follow-up', 'borgerservice')).toBeUndefined();
    expect(await milestone('mid-year-follow-up', 'hjemmeplejen-nord')).toBeDefined();
    // The municipality's move still applies to the department.
    expect(await milestone('lederforum-evaluation', 'borgerservice')).toMatchObject({ date: { month: 12, day: 8 } });
  });

  it('when the form has a bad date, notice or milestone, then it says so, keeps what was typed, and nothing changes', async () => {
    const refused = invokeCard(await harness.execute(camilla, verbs.aarshjulSave, {
      departmentId: '', 'date_profile-review': `${next}-02-30`, 'lead_profile-review': '400', 'date_mus-held': `${next + 3}-03-01`, 'lead_christmas-party': '3',
    }));
    expect(text(refused)).toContain('Gennemgang af kompetenceprofilen: datoen er ikke en gyldig dato.');
    expect(text(refused)).toContain('Gennemgang af kompetenceprofilen: varslet skal være 0–90 dage.');
    expect(text(refused)).toContain(`MUS afholdt og udviklingsplaner godkendt: datoen skal ligge i ${next - 2}–${next}.`);
    expect(text(refused)).toContain('Årshjulet har ingen milepæl "christmas-party"');
    const json = JSON.stringify(refused);
    expect(json).toContain(`"id":"date_profile-review","label":"Dato","value":"${next}-02-30"`);
    expect(json).toContain('"id":"lead_profile-review","label":"Varsel (dage før)","min":0,"max":90,"value":400');
    expect(await milestone('lederforum-evaluation')).toMatchObject({ date: { month: 12, day: 8 } });
    expect(await milestone('profile-review')).toMatchObject({ date: { month: 1, day: 15 }, leadTimeDays: 14 });
  });

  it("when Camilla goes back to the file's defaults, then the file's dates apply again, for the municipality and for a department", async () => {
    expect(text(invokeCard(await resetAll()))).toContain('Årshjulet følger nu standarden igen.');
    expect(await milestone('lederforum-evaluation')).toMatchObject({ date: { month: 12, day: 1 }, leadTimeDays: 21 });
    expect(await milestone('mid-year-follow-up', 'borgerservice')).toBeUndefined();
    await harness.execute(camilla, verbs.aarshjulReset, { departmentId: 'borgerservice' });
    expect(await milestone('mid-year-follow-up', 'borgerservice')).toBeDefined();
  });
});

describe('the schedule follows a moved milestone', () => {
  it('when a planned milestone is moved to a date already past, then its reminder is not sent for the old date', async () => {
    await resetAll();
    await jobs().runDue(cph('10-02', 9));
    const id = `milestone|${next}|hovedudvalg-discussion|municipality`;
    expect(await harness.repos.schedule.get(id)).toMatchObject({ state: 'pending', payload: { date: `${next}-11-15` } });

    await save('', { 'date_hovedudvalg-discussion': `${next}-09-20` });
    // The planner leaves a past date alone; the item planned for 15 November comes due and stops.
    await jobs().runDue(cph('11-05', 9));
    expect(await harness.repos.schedule.get(id)).toMatchObject({ state: 'skipped', reason: 'past' });
    expect(await harness.repos.schedule.get(reminderId(String(next), 'hovedudvalg-discussion', camilla.aadObjectId))).toBeUndefined();
  });

  it('when a planned milestone is moved later than the planner looks ahead, then its item waits for the new reminder time and reminds with the new date', async () => {
    await resetAll();
    // 20 December the year before: next year's profile review (15 January) is planned for 1 January.
    const planning = zonedTime(`${next - 1}-12-20`, 9, 0, 'Europe/Copenhagen');
    await jobs().runDue(planning);
    const id = `milestone|${next}|profile-review|department|borgerservice`;
    expect(await harness.repos.schedule.get(id)).toMatchObject({ state: 'pending', payload: { date: `${next}-01-15` } });

    await save('', { 'date_profile-review': `${next}-12-01` });
    await jobs().runDue(new Date(planning.getTime() + 3_600_000));
    await jobs().runDue(cph('01-06', 9));
    const window = nudgePolicyOf(config, harness.domainData).window;
    const newReminder = reminderDue(`${next}-12-01`, 14, window);
    expect(await harness.repos.schedule.get(id)).toMatchObject({ state: 'pending', dueAt: newReminder.toISOString(), reason: `moved to ${next}-12-01` });
    harness.takeProactive();

    await jobs().runDue(new Date(newReminder.getTime() + 60_000));
    expect(await harness.repos.schedule.get(id)).toMatchObject({ state: 'done' });
    const reminder = await harness.repos.schedule.get(reminderId(String(next), 'profile-review', birgitte.aadObjectId));
    expect(reminder).toMatchObject({ state: 'sent', payload: { date: `${next}-12-01` } });
    const toBirgitte = harness.takeProactive().filter((r) => r.conversation?.id === `a:personal-${birgitte.aadObjectId}` && visibleText(r).includes('Gennemgang af kompetenceprofilen'));
    expect(toBirgitte).toHaveLength(1);
    expect(visibleText(toBirgitte[0]!)).toContain(`1.\u00a0december ${next}`);
  });
});
