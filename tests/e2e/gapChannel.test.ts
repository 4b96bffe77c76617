import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { chooseOption, click, sendMessage, waitForCard } from '../support/playgroundPage';
import { demoId, rateThemselves } from '../support/ratings';
import { publish } from '../support/releases';
import { loadDomainData } from '../../src/data/loadDomainData';

// Lars shares his department's gap summary in the team's channel in the Playground; the team
// votes on what to prioritise. Six of his employees have rated collaboration, and the two of his
// night team (a sub-department under the threshold, which shows no figures of its own); nobody
// rated anything else, so every other competence shows no figures.
let stack: Stack;
const cycle = String(new Date().getUTCFullYear());
const id = demoId;
const team = 'team-hjemmeplejen-nord';

beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-leader.yml']);
  await stack.repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
  await rateThemselves(stack.repos, [1, 3, 4, 7, 8, 9].map(id), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 2 });
  // A small night team under Hjemmeplejen Nord: two people, both rated — under the threshold.
  const night = [41, 42].map((n) => ({ id: id(n), name: `Nattevagt ${n}`, email: `nat${n}@demokommune.dk`, departmentId: 'hjemmeplejen-nord-nat', leaderOf: [], hrAdmin: false, active: true }));
  await stack.repos.org.importOrganisation({ departments: [{ id: 'hjemmeplejen-nord-nat', name: 'Hjemmeplejen Nord – Nat', parentId: 'hjemmeplejen-nord' }], people: night }, { partial: true });
  await rateThemselves(stack.repos, night.map((person) => person.id), cycle, 'hjemmeplejen-nord-nat', { samarbejdskompetence: 1 });
  // The morning's release publishes what they rated (cards show published figures only).
  await publish(stack.repos, await loadDomainData());
  // The app is added to the team (its General channel has the team's id).
  const installed = await fetch(`${stack.playgroundUrl}/_debug/conversation/${team}/installation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(installed.ok).toBe(true);
});
afterAll(async () => {
  await stack?.stop();
});

/** Teams' bar chart on a card, as the Playground draws it (labelled by its title). */
const chart = '[aria-label^="Nu og ønsket pr. kompetence"]';

describe('a department below the threshold', () => {
  it('when Lars opens the gaps of his two-person night team, then it shows no figures at all', async () => {
    const lars = stack.page;
    const before = await lars.locator('.ac-adaptiveCard').count();
    await sendMessage(lars, 'min afdeling');
    const department = await waitForCard(lars, /Min afdeling[\s\S]*Hjemmeplejen Nord – Nat/);
    expect(before).toBeLessThan(await lars.locator('.ac-adaptiveCard').count());
    // The night team's section is the second department on the card.
    await department.getByRole('button', { name: 'Kompetencegab', exact: true }).nth(1).click();
    const card = await waitForCard(lars, 'Kompetencegab – Hjemmeplejen Nord – Nat');
    const text = await card.innerText();
    expect(text).toContain('Ingen tal endnu: 2 har vurderet sig selv, og der skal mindst 5 til');
    expect(text).not.toMatch(/Nu \d|Gab \d|fordeling|Eksportér/);
    expect(await card.locator(chart).count()).toBe(0);
  });
});

describe('a gap summary in a channel', () => {
  it('when Lars shares it and two members vote, then the channel shows the figures the rules allow and the counts refresh', async () => {
    const lars = stack.page;
    await sendMessage(lars, 'min afdeling');
    const department = await waitForCard(lars, /Min afdeling[\s\S]*Hjemmeplejen Nord – Nat/);
    await department.getByRole('button', { name: 'Kompetencegab', exact: true }).first().click();
    let card = await waitForCard(lars, `Kompetencegab – Hjemmeplejen Nord (${cycle})`);
    const own = await card.innerText();
    // The department's figures include its night team (6 + 2 rated): the whole can be shown.
    expect(own).toMatch(/Tal fra .+ · 8 har vurderet sig selv/);
    expect(own).toContain('Gab 2,3');
    expect(own).toContain('Nu 1,8 · Ønsket 4 · Gab 2,3');
    // The Playground draws Teams' chart: now against desired for the one competence with figures.
    const drawn = card.locator(chart);
    expect(await drawn.count()).toBe(1);
    expect(await drawn.innerText()).toMatch(/Samarbejdsk[\s\S]*Nu[\s\S]*Ønsket/);
    expect(own).toMatch(/Ingen tal endnu for: .*Kommunikationskompetence/);
    expect(own).toContain('Tallene skifter først, når mindst 5');
    await chooseOption(card, 0, 'Hjemmeplejen Nord');
    await click(card, 'Del med teamet');
    await lars.getByText('Kompetencegabet er delt i Hjemmeplejen Nord').first().waitFor({ timeout: 20_000 });

    // In the channel: the card with its vote buttons.
    await lars.getByText('General', { exact: true }).first().click();
    card = await waitForCard(lars, 'Samarbejdskompetence – 0 stemmer', 30_000);
    await click(card, 'Prioritér');
    await waitForCard(lars, 'Samarbejdskompetence – 1 stemme');

    // Mette, another member of the team, votes from her own Teams client. (One Playground shows
    // one user, and its invoke API needs the Playground's message id, which its page does not
    // expose; so her click reaches the bot as Teams would send it, straight to /api/messages.)
    const postingId = await latestPostingId();
    const response = await fetch(`${stack.botUrl}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams', id: 'vote-mette', serviceUrl: `${stack.playgroundUrl}/_connector`, locale: 'da-DK',
        from: { id: 'user-mette', name: 'Mette Jensen', aadObjectId: id(1) }, recipient: { id: '0d1e2f30-0000-4000-8000-00000000b000', name: 'Kompetencebot' },
        conversation: { id: team, conversationType: 'channel', isGroup: true }, channelData: { team: { id: team, name: 'Hjemmeplejen Nord' }, tenant: { id: '0d1e2f30-0000-4000-8000-00000000a000' } },
        value: { action: { type: 'Action.Execute', verb: 'gaps.vote', data: { postingId, competenceId: 'samarbejdskompetence' } }, trigger: 'manual' },
      }),
    });
    expect(JSON.stringify(await response.json())).toContain('Samarbejdskompetence – 2 stemmer');

    // Lars's card counts Mette's vote the next time he votes (still one vote each).
    card = await waitForCard(lars, /Samarbejdskompetence – [12] stemm/);
    await click(card, 'Prioritér');
    await waitForCard(lars, 'Samarbejdskompetence – 2 stemmer');
  });
});

async function latestPostingId(): Promise<string> {
  const rows = await stack.repos.tables.table('postings').listEntities().next();
  return decodeURIComponent(String((rows.value as { partitionKey: string }).partitionKey));
}

