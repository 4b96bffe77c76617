/**
 * `npm run screenshots`: the main cards as people see them in the Microsoft 365 Agents
 * Playground, in Danish and English, at desktop width and at phone width (Teams mobile shows
 * cards about 360 px wide), saved under docs/screenshots/ with an index page. Starts its own
 * Azurite (in memory), bot and Playgrounds (employee, English employee, leader, HR), drives the
 * flows in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and stops them all again.
 *
 *   npm run screenshots              every card
 *   npm run screenshots -- gap       only cards whose name contains "gap"
 *
 * The Playground's page does not lay out below 600 px, so the phone shots set the card itself to
 * 360 px wide (its padding included) on the desktop page and shoot the card.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { projectRoot } from '../src/paths';
import { openStorage, type Repositories } from '../src/storage';
import { demoId, rateThemselves } from '../tests/support/ratings';
import { ask, chooseOption, click, sendMessage, waitForCard } from '../tests/support/playgroundPage';
import { launchChromium, openPlayground } from './lib/browser';
import { seedDemo } from './lib/demo';
import { type Running, startAzurite, startBot, startPlayground } from './lib/processes';

const outDir = path.join(projectRoot, 'docs/screenshots');
const phoneWidth = 360;
const only = process.argv[2];
const cycle = String(new Date().getUTCFullYear());
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type Language = 'da' | 'en';

/** The cards shot, in the index's order. */
const titles = {
  welcome: 'Welcome', help: 'Help', invitation: 'MUS invitation', 'prep-questions': 'Preparation: questions', 'prep-rating': 'Preparation: self-rating',
  'prep-summary': 'Preparation: summary and sharing', 'prep-shared': 'Shared with the leader', plan: 'Development plan', department: "A leader's department",
  'prep-shared-leader': 'What the leader sees of a shared preparation', 'your-year': "A leader's year", 'gap-summary': 'Department gap summary', 'audit-log': 'Audit log (HR)',
} as const;
type CardShot = keyof typeof titles;

/** The whole card: the page is made tall enough to hold it (a shot of a taller card would be cut). */
async function shootWhole(page: Page, card: Locator, file: string): Promise<void> {
  const height = (await card.boundingBox())?.height ?? 0;
  await page.setViewportSize({ width: 1280, height: Math.max(900, Math.ceil(height) + 400) });
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await card.screenshot({ path: path.join(outDir, file) });
}

/** Sets the card's own width (padding included), or back to the page's when `width` is undefined. */
async function setCardWidth(card: Locator, width: number | undefined): Promise<void> {
  await card.evaluate((element, px) => {
    const style = (element as unknown as { style: Record<string, string> }).style;
    Object.assign(style, px ? { width: `${px}px`, maxWidth: `${px}px`, boxSizing: 'border-box' } : { width: '', maxWidth: '', boxSizing: '' });
  }, width);
}

/** The card at desktop width, then at phone width. */
async function shoot(page: Page, card: Locator, name: CardShot, language: Language): Promise<void> {
  if (only && !name.includes(only)) return;
  await shootWhole(page, card, `${name}.${language}.desktop.png`);
  await setCardWidth(card, phoneWidth);
  await shootWhole(page, card, `${name}.${language}.phone.png`);
  await setCardWidth(card, undefined);
  await page.setViewportSize({ width: 1280, height: 900 });
  console.log(`  ${name} (${language})`);
}

/** Mette's or Ahmad's preparation, done up to `upTo` steps (all: the summary). */
async function prepare(repos: Repositories, personId: string, upTo: number): Promise<void> {
  const steps = ['theme-looking-back', 'theme-tasks-wellbeing', 'theme-collaboration-leadership', 'rating-udvikling', 'rating-kultur', 'rating-resultater', 'theme-future-ambitions', 'theme-learning-preferences', 'theme-development-goals'];
  const answers: Record<string, Record<string, string | string[]>> = {
    'theme-looking-back': { 'looking-back-proud': 'Det nye visitationsforløb, som vi fik til at fungere sammen med sygeplejen.' },
    'theme-future-ambitions': { 'future-next-year': 'Jeg vil gerne blive tovholder på oplæringen af nye kolleger.' },
  };
  for (const stepId of steps.slice(0, upTo)) {
    const prep = (await repos.preparations.load(personId, cycle)) ?? (await repos.preparations.start(personId, cycle, 'hjemmeplejen-nord'));
    const answer = stepId.startsWith('rating-')
      ? { kind: 'rating' as const, ratings: { forandringskompetence: 3, innovationskompetence: 2, 'laerings-og-videndelingskompetence': 4, samarbejdskompetence: 4, selvledelseskompetence: 3, kommunikationskompetence: 3, 'faglig-kompetence': 4, servicekompetence: 5, 'resultatskabende-kompetence': 3 } }
      : { kind: 'questions' as const, answers: answers[stepId] ?? {} };
    await repos.preparations.saveStep(personId, prep, stepId, answer, true);
  }
}

async function employeeCards(page: Page, language: Language): Promise<void> {
  const t = language === 'da'
    ? { welcome: 'Velkommen til Kompetencebot', help: ['hjælp', 'Skriv en af kommandoerne'], invite: 'Tid til at forberede din MUS', start: 'Start forberedelsen', step: 'Trin 1 af 9' }
    : { welcome: 'Welcome to Kompetencebot', help: ['help', 'Type one of the commands'], invite: 'Time to prepare for your MUS', start: 'Start preparing', step: 'Step 1 of 9' };
  await shoot(page, await waitForCard(page, t.welcome, 30_000), 'welcome', language);
  await shoot(page, await ask(page, t.help[0]!, t.help[1]!), 'help', language);
  const invitation = await waitForCard(page, t.invite);
  await shoot(page, invitation, 'invitation', language);
  await click(invitation, t.start);
  await shoot(page, await waitForCard(page, t.step), 'prep-questions', language);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const running: Running[] = [];
  let browser: Browser | undefined;
  const azurite = await startAzurite();
  running.push(azurite);
  try {
    const prefix = `shots${Date.now()}`;
    const repos = await openStorage({ kind: 'connectionString', connectionString: azurite.connectionString }, prefix);
    await seedDemo(repos);
    const bot = await startBot({ env: { STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: prefix, JOBS_TICK_SECONDS: '0', LOG_LEVEL: 'warn' } });
    running.push(bot);
    const personas = { mette: '.m365agentsplayground.yml', ahmad: 'playground/as-english-employee.yml', lars: 'playground/as-leader.yml', camilla: 'playground/as-hr.yml' };
    const urls: Record<string, string> = {};
    for (const [who, file] of Object.entries(personas)) {
      const playground = await startPlayground({ botEndpoint: bot.endpoint, configFile: path.join(projectRoot, file), workDir: mkdtempSync(path.join(tmpdir(), 'kb-shots-')) });
      running.push(playground);
      urls[who] = playground.url;
    }
    browser = await launchChromium();
    const [mette, ahmad, lars, camilla] = await Promise.all(['mette', 'ahmad', 'lars', 'camilla'].map((who) => openPlayground(browser!, urls[who]!))) as [Page, Page, Page, Page];

    // What the leader's cards show: a profile, six ratings (a gap summary needs five), a plan.
    await repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4, kommunikationskompetence: 4, 'faglig-kompetence': 5 });
    await rateThemselves(repos, [3, 7, 8, 9, 10, 11].map(demoId), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 2, kommunikationskompetence: 3, selvledelseskompetence: 3 });
    const planOf = await repos.plans.load(demoId(1), cycle, 'hjemmeplejen-nord');
    await repos.plans.save(demoId(1), cycle, planOf, {
      revision: 1, approvals: {}, approvedVersion: 0,
      goals: [{
        id: 'g1', competenceId: 'kommunikationskompetence', goal: 'Give en tydelig overlevering til aftenvagten hver dag', evaluation: 'Vi taler om det til næste MUS',
        actions: [{ id: 'a1', activityId: 'sidemandsoplaering', note: 'Følges med Hanne en uge', start: inDays(7), end: inDays(60), responsible: 'employee' }],
      }],
    }, demoId(2));

    // Lars starts a MUS round: Mette and Ahmad are invited in their own chats.
    const department = await waitForCard(lars, 'Velkommen til Kompetencebot', 30_000).then(() => ask(lars, 'min afdeling', 'Mangler at forberede sig'));
    await click(department, 'Start MUS-runde');
    const round = await waitForCard(lars, 'Start MUS-runde for Hjemmeplejen Nord');
    await click(round, 'Start runden og send invitationer');
    await waitForCard(lars, 'MUS-runden for Hjemmeplejen Nord er startet');

    console.log('Employee cards');
    await employeeCards(mette, 'da');
    await employeeCards(ahmad, 'en');
    for (const [page, personId, language] of [[mette, demoId(1), 'da'], [ahmad, demoId(4), 'en']] as const) {
      const t = language === 'da'
        ? { prepare: 'forbered MUS', rating: 'Mit niveau', summary: 'Din forberedelse', share: 'Del det valgte med min leder', shared: 'Delt med din leder', plan: ['udviklingsplan', 'Udviklingsplan for'] }
        : { prepare: 'prepare MUS', rating: 'My level', summary: 'Your preparation', share: 'Share the chosen parts with my leader', shared: 'Shared with your leader', plan: ['development plan', 'Development plan for'] };
      await prepare(repos, personId, 3);
      await shoot(page, await ask(page, t.prepare, t.rating), 'prep-rating', language);
      await prepare(repos, personId, 9);
      const summary = await ask(page, t.prepare, t.summary);
      await shoot(page, summary, 'prep-summary', language);
      await summary.locator('input[type=checkbox]').first().evaluate((element) => (element as unknown as { click(): void }).click());
      await click(summary, t.share);
      await shoot(page, await waitForCard(page, t.shared), 'prep-shared', language);
      if (language === 'da') await shoot(page, await ask(page, t.plan[0]!, t.plan[1]!), 'plan', language);
    }

    console.log('Leader cards');
    for (const language of ['da', 'en'] as const) {
      const t = language === 'da'
        ? { dept: ['min afdeling', 'Mangler at forberede sig'], year: ['mit år', 'Dit år'], gaps: 'Kompetencegab', gapTitle: `Kompetencegab – Hjemmeplejen Nord (${cycle})`, openShared: 'Se det delte', sharedBy: 'Mette Jensen har delt sin MUS-forberedelse med dig' }
        : { dept: ['my department', 'Not prepared yet'], year: ['my year', 'Your year'], gaps: 'Competence gaps', gapTitle: `Competence gaps – Hjemmeplejen Nord (${cycle})`, openShared: 'See what was shared', sharedBy: 'Mette Jensen has shared their MUS preparation with you' };
      if (language === 'en') await sendMessage(lars, 'english');
      const card = await ask(lars, t.dept[0]!, t.dept[1]!);
      await shoot(lars, card, 'department', language);
      await card.getByRole('button', { name: t.openShared, exact: true }).last().click();
      await shoot(lars, await waitForCard(lars, t.sharedBy), 'prep-shared-leader', language);
      await shoot(lars, await ask(lars, t.year[0]!, t.year[1]!), 'your-year', language);
      const fresh = await ask(lars, t.dept[0]!, t.dept[1]!);
      await fresh.getByRole('button', { name: t.gaps, exact: true }).first().click();
      await shoot(lars, await waitForCard(lars, t.gapTitle), 'gap-summary', language);
    }
    // The English plan: Lars opens Mette's plan from his department card.
    await shoot(lars, await (async () => {
      const card = await ask(lars, 'my department', 'Not prepared yet');
      await chooseOption(card, 0, 'Mette Jensen');
      await click(card, 'Open the development plan');
      return waitForCard(lars, 'Development plan for Mette Jensen');
    })(), 'plan', 'en');

    console.log('HR cards');
    for (const language of ['da', 'en'] as const) {
      if (language === 'en') await sendMessage(camilla, 'english');
      else await waitForCard(camilla, 'Velkommen til Kompetencebot', 30_000);
      await shoot(camilla, await ask(camilla, language === 'da' ? 'revisionslog' : 'audit log', language === 'da' ? 'Revisionslog' : 'Audit log'), 'audit-log', language);
    }
    writeIndex();
  } finally {
    await browser?.close().catch(() => undefined);
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
  }
}

/** docs/screenshots/README.md: every card in both languages, desktop and phone side by side. */
function writeIndex(): void {
  const names = [...new Set(readdirSync(outDir).filter((f) => f.endsWith('.png')).map((f) => f.split('.')[0]!))];
  const order: string[] = Object.keys(titles);
  const sorted = [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
  const lines = [
    '# Screenshots',
    '',
    'The main cards in the Microsoft 365 Agents Playground, in Danish and English, at desktop width',
    `and at phone width (${phoneWidth} px, as Teams mobile shows cards). Made by \`npm run screenshots\``,
    '(`scripts/screenshots.ts`); run it again after changing a card.',
    '',
  ];
  for (const name of sorted) {
    const title = titles[name as CardShot] ?? name;
    lines.push(`## ${title}`, '', '| | desktop | phone |', '|---|---|---|');
    for (const [language, word] of [['da', 'Dansk'], ['en', 'English']] as const) {
      lines.push(`| ${word} | ![${title}, ${word}, desktop](${name}.${language}.desktop.png) | ![${title}, ${word}, phone](${name}.${language}.phone.png) |`);
    }
    lines.push('');
  }
  writeFileSync(path.join(outDir, 'README.md'), lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
