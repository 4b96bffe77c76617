import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/quietHours';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { ask, chooseOption, click, sendMessage, waitForCard } from '../support/playgroundPage';
import { demoId } from '../support/ratings';

// Lars (leader) and Camilla (HR), each in a Playground in front of the same bot: Lars's year, and
// the audit log of what he reads, in Danish and in English.
let stack: Stack;
const today = localDate(new Date(), 'Europe/Copenhagen');
const cycle = today.slice(0, 4);
const yesterday = localDate(new Date(Date.now() - 86_400_000), 'Europe/Copenhagen');

beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-leader.yml', 'playground/as-hr.yml']);
  // This year's profile review was yesterday and the profile is not reviewed: it is overdue, and
  // next year's review is among the next milestones. (On 1 January nothing of the year can be overdue.)
  if (yesterday.startsWith(cycle)) {
    await stack.repos.aarshjul.save(undefined, [{ id: 'profile-review', date: { month: Number(yesterday.slice(5, 7)), day: Number(yesterday.slice(8, 10)) } }], demoId(5));
  }
  // Mette has shared the year behind her with Lars.
  const prep = await stack.repos.preparations.start(demoId(1), cycle, 'hjemmeplejen-nord');
  await stack.repos.preparations.saveStep(demoId(1), prep, 'theme-looking-back', { kind: 'questions', answers: { 'looking-back-proud': 'Det nye visitationsforløb' } }, true);
  await stack.repos.preparations.share(demoId(1), (await stack.repos.preparations.load(demoId(1), cycle))!, ['theme-looking-back']);
});
afterAll(async () => {
  await stack?.stop();
});

describe("a leader's year in the Playground", () => {
  it.each([
    ['mit år', 'Dit år', 'Overskredet', 'Det næste', 'Gennemgang af kompetenceprofilen'],
    ['my year', 'Your year', 'Overdue', 'Coming up', 'Competence profile review'],
  ] as const)('when Lars types "%s", then each milestone is shown once: this year\'s unreviewed profile under overdue, not again as next', async (command, title, overdue, next, name) => {
    const lars = stack.pages[0]!;
    if (command === 'my year') await sendMessage(lars, 'english');
    const text = await (await ask(lars, command, title)).innerText();
    if (command === 'my year') await sendMessage(lars, 'dansk');
    expect(text.split(name)).toHaveLength(2);
    const [before] = text.split(next);
    if (yesterday.startsWith(cycle)) {
      expect(before).toContain(overdue);
      expect(before).toContain(name);
    }
  });
});

describe('the audit log in the Playground', () => {
  it.each([
    ['da', 'revisionslog', 'Revisionslog', 'Delte MUS-forberedelser', 'Vis', /Lars Nielsen så \d+ personer: status i afdelingens oversigt/, 'Lars Nielsen så Mette Jensen: delte MUS-forberedelse'],
    ['en', 'audit log', 'Audit log', 'Shared MUS preparations', 'Show', /Lars Nielsen saw \d+ people: status in the department overview/, 'Lars Nielsen saw Mette Jensen: shared MUS preparation'],
  ] as const)('when Lars views his department twice and opens a shared preparation, then HR (%s) sees one line per view naming everyone, and can filter the reads of shared preparations', async (language, command, title, kind, show, overview, shared) => {
    const [lars, camilla] = stack.pages as [typeof stack.page, typeof stack.page];
    await ask(lars, 'min afdeling', 'Mangler at forberede sig');
    const department = await ask(lars, 'min afdeling', 'Mangler at forberede sig');
    await click(department, 'Se det delte');
    await waitForCard(lars, 'Mette Jensen har delt sin MUS-forberedelse med dig');

    if (language === 'en') await sendMessage(camilla, 'english');
    const log = await ask(camilla, command, title);
    const lines = (await log.innerText()).split('\n');
    const views = lines.filter((line) => overview.test(line));
    // Two views by Lars (in this test), each one line naming the people it showed.
    expect(views.length).toBeGreaterThanOrEqual(2);
    for (const line of views) expect(line).toContain('Mette Jensen');
    expect(lines.filter((line) => line.includes(shared)).length).toBeGreaterThanOrEqual(1);

    await chooseOption(log, 0, kind);
    await click(log, show);
    // The card is replaced by the filtered log: only reads of shared preparations.
    await expect.poll(async () => overview.test(await log.innerText()), { timeout: 20_000 }).toBe(false);
    expect(await log.innerText()).toContain(shared);
  });
});
