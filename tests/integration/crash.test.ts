import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort, startBot } from '../../scripts/lib/processes';
import { loadDomainData } from '../../src/data/loadDomainData';
import { currentCycle } from '../../src/services/preparation';
import { demo } from '../support/botHarness';
import { postActivity, startConnectorStub, teamsActivities } from '../support/connectorStub';
import { preparationSteps } from '../support/preparationSteps';
import { seededForProcess } from '../support/httpBot';
import type { testRepositories } from '../support/storage';

// The bot as its own process, driven over HTTP like Teams drives it, killed with SIGKILL in the
// middle of an employee's preparation and started again.

type Card = { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> };
let connector: Awaited<ReturnType<typeof startConnectorStub>>;
let repos: Awaited<ReturnType<typeof testRepositories>>;
let bot: Awaited<ReturnType<typeof startBot>> | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  ({ connector, repos, env } = await seededForProcess(inject('storageConnectionString')));
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

describe('kill -9 in the middle of a preparation', () => {
  it('when the bot is killed mid-preparation and started again, then every answer given before is there and the flow resumes at the first unanswered step', async () => {
    const { steps, answersFor, stepIdOf, versionOf } = preparationSteps(await loadDomainData());
    const port = await freePort();
    bot = await startBot({ port, env });
    const url = `http://127.0.0.1:${port}`;
    const mette = teamsActivities(connector.serviceUrl, demo.mette);
    const replyCard = async (text: string): Promise<Card> => {
      const activity = mette.message(text);
      expect((await postActivity(url, activity)).status).toBe(200);
      const reply = connector.received.find((r) => r.replyToId === activity.id);
      return (reply!.activity.attachments as Array<{ content: Card }>)[0]!.content;
    };
    const next = async (card: Card, text: string): Promise<Card> => {
      const stepId = stepIdOf(card);
      const { status, body } = await postActivity(url, mette.execute('prep.next', { stepId, version: versionOf(card), ...answersFor(stepId, text) }));
      expect(status).toBe(200);
      return (body as { value: Card }).value;
    };

    let card = await replyCard('forbered MUS');
    for (let i = 0; i < 3; i++) card = await next(card, `Svar før nedbrud ${i}`);
    const inFlightStep = stepIdOf(card);
    // The fourth answer is on its way when the process dies: it lands entirely or not at all.
    const inFlight = postActivity(url, mette.execute('prep.next', { stepId: inFlightStep, version: versionOf(card), ...answersFor(inFlightStep, 'Svar under nedbrud') })).catch(() => undefined);
    bot.process.kill('SIGKILL');
    await new Promise((resolve) => bot!.process.once('exit', resolve));
    await inFlight;

    bot = await startBot({ port, env });
    const prep = (await repos.preparations.load(demo.mette.aadObjectId, currentCycle(new Date())))!;
    for (let i = 0; i < 3; i++) expect(JSON.stringify(prep.answers.get(steps[i]!.id))).toContain(`Svar før nedbrud ${i}`);
    const landed = prep.answers.has(inFlightStep);
    if (landed) expect(JSON.stringify(prep.answers.get(inFlightStep))).toContain('Svar under nedbrud');
    expect(prep.header.completedSteps).toHaveLength(landed ? 4 : 3);

    card = await replyCard('forbered MUS');
    expect(stepIdOf(card)).toBe(steps[landed ? 4 : 3]!.id);
    card = await next(card, 'Svar efter genstart');
    expect(stepIdOf(card)).toBe(steps[landed ? 5 : 4]!.id);
    const after = (await repos.preparations.load(demo.mette.aadObjectId, currentCycle(new Date())))!;
    expect(after.header.completedSteps).toHaveLength(landed ? 5 : 4);
  }, 180_000);
});
