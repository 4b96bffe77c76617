import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { parseConfig } from '../../src/config';
import { milestonesFor } from '../../src/domain/aarshjul';
import { zonedTime } from '../../src/domain/quietHours';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { createLogger } from '../../src/logger';
import { effectiveAarshjul } from '../../src/services/aarshjul';
import { botHarness, demo, visibleText } from '../support/botHarness';

// HR changes the årshjul in chat; the stored edits lie over the data file and the schedule
// follows them. Through the real bot and scheduler on Azurite.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { camilla, lars } = demo;
const cph = (date: string, hour: number) => zonedTime(date, hour, 0, 'Europe/Copenhagen');

beforeAll(async () => {
  harness = await botHarness();
});

const invokeCard = (replies: Partial<Activity>[]) =>
  (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: Record<string, unknown> } }).body.value;
const text = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });
const jobs = () => createJobs({
  repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders,
  policy: nudgePolicyOf(parseConfig({ APP_ENV: 'local' }), harness.domainData), logger: createLogger('silent'),
});
const milestone = async (id: string, departmentId?: string) => milestonesFor(await effectiveAarshjul(harness.repos, harness.domainData), departmentId).find((m) => m.id === id);

describe('HR edits the årshjul in chat', () => {
  it('when Camilla opens the årshjul, then each milestone shows its date, notice and switch; others are told HR changes it', async () => {
    const card = (await harness.say(camilla, 'årshjul'))[0]!;
    expect(visibleText(card)).toContain('Årshjulet – Hele kommunen');
    expect(JSON.stringify(card)).toContain(`"id":"date_lederforum-evaluation","label":"Dato","value":"${new Date().getUTCFullYear()}-12-01"`);
    expect(visibleText((await harness.say(lars, 'årshjul'))[0]!)).toContain('Årshjulet ændres af HR');
    expect(text(invokeCard(await harness.execute(lars, verbs.aarshjulSave, { departmentId: '' })))).toContain('ikke adgang');
  });

  it('when Camilla moves a milestone, then the årshjul in force and its planned reminder move with it', async () => {
    // Planned from the file first: Lederforum on 1 December 2027, reminder 21 days before.
    await jobs().runDue(cph('2027-10-01', 9));
    const before = (await harness.repos.schedule.get('milestone|2027|lederforum-evaluation|municipality'))!;
    expect(before.payload).toMatchObject({ date: '2027-12-01' });

    const saved = text(invokeCard(await harness.execute(camilla, verbs.aarshjulSave, { departmentId: '', 'date_lederforum-evaluation': '2027-12-08', 'lead_lederforum-evaluation': '7' })));
    expect(saved).toContain('Årshjulet er gemt');
    expect(await milestone('lederforum-evaluation')).toMatchObject({ date: { month: 12, day: 8 }, leadTimeDays: 7 });

    await jobs().runDue(cph('2027-10-01', 10));
    const after = (await harness.repos.schedule.get('milestone|2027|lederforum-evaluation|municipality'))!;
    expect(after.payload).toMatchObject({ date: '2027-12-08' });
    expect(after.dueAt).toBe(cph('2027-12-01', 8).toISOString());
  });

  it('when Camilla switches a milestone off for one department, then it is gone there and stays elsewhere', async () => {
    const card = invokeCard(await harness.execute(camilla, verbs.aarshjulShow, { scope: 'borgerservice' }));
    expect(text(card)).toContain('Årshjulet – Borgerservice');
    await harness.execute(camilla, verbs.aarshjulSave, { departmentId: 'borgerservice', 'on_mid-year-follow-up': 'false' });
    expect(await milestone('mid-year-follow-up', 'borgerservice')).toBeUndefined();
    expect(await milestone('mid-year-follow-up', 'hjemmeplejen-nord')).toBeDefined();
    // The municipality's move still applies to the department.
    expect(await milestone('lederforum-evaluation', 'borgerservice')).toMatchObject({ date: { month: 12, day: 8 } });
  });

  it('when the form has a bad date or notice, then it says so, keeps what was typed, and nothing changes', async () => {
    const refused = invokeCard(await harness.execute(camilla, verbs.aarshjulSave, { departmentId: '', 'date_profile-review': '2027-02-30', 'lead_profile-review': '400' }));
    expect(text(refused)).toContain('Gennemgang af kompetenceprofilen: "2027-02-30" er ikke en gyldig dato.');
    expect(text(refused)).toContain('Gennemgang af kompetenceprofilen: varslet skal være 0–180 dage.');
    expect(JSON.stringify(refused)).toContain('"value":"2027-02-30"');
    expect(await milestone('lederforum-evaluation')).toMatchObject({ date: { month: 12, day: 8 } });
  });

  it('when Camilla goes back to the standard, then the file\'s dates apply again', async () => {
    const reset = text(invokeCard(await harness.execute(camilla, verbs.aarshjulReset, { departmentId: '' })));
    expect(reset).toContain('Årshjulet følger nu standarden igen.');
    expect(await milestone('lederforum-evaluation')).toMatchObject({ date: { month: 12, day: 1 }, leadTimeDays: 21 });
  });
});
