import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import { zonedTime } from '../../src/domain/quietHours';
import { type Stack, startStack } from '../support/e2eStack';
import { click, waitForCard } from '../support/playgroundPage';
import { demoId, rateThemselves } from '../support/ratings';
import { publish } from '../support/releases';

// Sofie sits in the MED-udvalg for Social og Sundhed. The bot's clock is moved to the MED
// discussion's reminder (through the jobs endpoint, local mode only); she gets the reminder in
// the Playground and opens her area's figures from it — read-only, and the read is recorded.
const jobsKey = 'e2e-jobs-key-med-0123456789abcdef0123';
let stack: Stack;
const cycle = String(new Date().getUTCFullYear());
const nextYear = Number(cycle) + 1;

beforeAll(async () => {
  stack = await startStack({ personas: ['playground/as-med.yml'], botEnv: { JOBS_KEY: jobsKey } });
  await waitForCard(stack.page, 'Velkommen til Kompetencebot', 30_000);
  await stack.repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
  await rateThemselves(stack.repos, [1, 3, 4, 7, 8, 9].map(demoId), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 3, kommunikationskompetence: 'na' });
  await publish(stack.repos, await loadDomainData());
});
afterAll(async () => {
  await stack?.stop();
});

describe('a MED member in the Playground', () => {
  it("when the MED discussion's reminder comes, then Sofie gets it and opens her area's released figures from it, read-only, and the read is in the audit log", async () => {
    const sofie = stack.page;
    // The MED discussion is on 15 October; its reminder comes 21 days before, at 08:00.
    const at = zonedTime(`${nextYear}-09-24`, 9, 0, 'Europe/Copenhagen');
    const response = await fetch(`${stack.botUrl}/api/jobs/run`, {
      method: 'POST', headers: { authorization: `Bearer ${jobsKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ now: at.toISOString() }),
    });
    expect(response.status).toBe(200);

    const reminder = await waitForCard(sofie, 'Årlig drøftelse i MED-udvalget');
    expect(await reminder.innerText()).toContain('Sæt kompetenceudvikling på dagsordenen');
    await click(reminder, 'Åbn områdets tal');

    const area = await waitForCard(sofie, `Mit område (${cycle})`);
    const text = await area.innerText();
    expect(text).toContain('MED-udvalget for Social og Sundhed');
    expect(text).toContain('6 har vurderet sig selv');
    expect(text).not.toContain('Borgerservice');
    await click(area, 'Se tallene');

    const figures = await waitForCard(sofie, `Kompetencegab – Social og Sundhed (${cycle})`);
    const shown = await figures.innerText();
    expect(shown).toContain('Nu 3');
    expect(shown).not.toMatch(/Eksportér|Del med teamet/);
    const audit = await stack.repos.audit.forSubject('department:social-sundhed', 10);
    expect(audit.map((e) => [e.readerId, e.kind])).toContainEqual([demoId(3), 'area-figures']);
  });
});
