import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/lib/demo';
import { startAzurite } from '../../scripts/lib/processes';
import { loadDomainData } from '../../src/data/loadDomainData';
import { texts } from '../../src/domain/texts';
import { currentCycle } from '../../src/services/preparation';
import { openStorage, type Repositories } from '../../src/storage';
import { demo } from '../support/botHarness';
import { postActivity, startConnectorStub, teamsActivities } from '../support/connectorStub';
import { preparationSteps } from '../support/preparationSteps';
import { startHttpBot } from '../support/httpBot';
import { uniquePrefix } from '../support/storage';

// Azurite of its own (kept on disk, so a restart keeps the data, as Azure Storage would), stopped
// and started again while people are using the bot.

type Card = { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> };
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let location: string;
let repos: Repositories & { prefix: string };
let connector: Awaited<ReturnType<typeof startConnectorStub>>;
let botUrl: string;
let close: () => void;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  location = mkdtempSync(path.join(tmpdir(), 'kb-azurite-'));
  azurite = await startAzurite({ location });
  connector = await startConnectorStub();
  const prefix = uniquePrefix();
  repos = { ...(await openStorage({ kind: 'connectionString', connectionString: azurite.connectionString }, prefix)), prefix };
  await seedDemo(repos);
  const http = await startHttpBot(repos, azurite.connectionString);
  botUrl = http.url;
  close = () => void http.close();
  process.on('unhandledRejection', onUnhandled);
}, 120_000);
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  close?.();
  await connector?.close();
  await azurite?.stop();
  rmSync(location, { recursive: true, force: true });
});

describe('Azurite restarted under load', () => {
  it('when storage goes away and comes back while people use the bot, then turns in the outage are told to try again, nothing saved is lost, and the bot recovers', async () => {
    const { steps, answersFor, stepIdOf, versionOf } = preparationSteps(await loadDomainData());
    const mette = teamsActivities(connector.serviceUrl, demo.mette);
    const say = async (who: ReturnType<typeof teamsActivities>, text: string) => {
      const activity = who.message(text);
      const { status } = await postActivity(botUrl, activity);
      const replies = connector.received.filter((r) => r.replyToId === activity.id).map((r) => r.activity);
      const card = (replies[0]?.attachments as Array<{ content: Card }> | undefined)?.[0]?.content;
      return { status, reply: JSON.stringify(replies), card };
    };
    const next = async (card: Card, text: string) => {
      const stepId = stepIdOf(card);
      const { status, body } = await postActivity(botUrl, mette.execute('prep.next', { stepId, version: versionOf(card), ...answersFor(stepId, text) }));
      return { status, card: (body as { value: Card } | undefined)?.value };
    };
    // Background load: three colleagues asking for help, over and over, through it all.
    let loading = true;
    const colleagues = [demo.sofie, demo.ahmad, demo.lars].map((u) => teamsActivities(connector.serviceUrl, u));
    const outcomes: Array<{ status: number; reply: string }> = [];
    const load = Promise.all(colleagues.map(async (who) => {
      while (loading) outcomes.push(await say(who, 'hjælp'));
    }));

    try {
      let card = (await say(mette, 'forbered MUS')).card!;
      for (let i = 0; i < 2; i++) card = (await next(card, `Gemt før udfaldet ${i}`)).card!;

      // SIGINT: Azurite saves what it holds and stops (on SIGTERM it would drop up to 5 s of writes,
      // which Azure Storage never does with a write it acknowledged).
      const stopped = new Promise((resolve) => azurite.process.once('exit', resolve));
      azurite.process.kill('SIGINT');
      await stopped;
      const during = await say(mette, 'forbered MUS');
      const duringStep = await next(card, 'Svar under udfaldet');
      expect(during.status).toBe(200);
      expect(during.reply).toContain(texts.unexpectedError.da);
      expect(duringStep.status).toBe(200);
      expect(JSON.stringify(duringStep.card)).toContain(texts.unexpectedError.da);

      azurite = await startAzurite({ location, port: azurite.port });
      const back = await say(mette, 'forbered MUS');
      expect(back.reply).not.toContain(texts.unexpectedError.da);
      const resumed = back.card!;
      expect(stepIdOf(resumed)).toBe(steps[2]!.id);
      const after = await next(resumed, 'Gemt efter udfaldet');
      expect(stepIdOf(after.card!)).toBe(steps[3]!.id);
    } finally {
      loading = false;
      await load;
    }

    const prep = (await repos.preparations.load(demo.mette.aadObjectId, currentCycle(new Date())))!;
    expect(JSON.stringify(prep.answers.get(steps[0]!.id))).toContain('Gemt før udfaldet 0');
    expect(JSON.stringify(prep.answers.get(steps[1]!.id))).toContain('Gemt før udfaldet 1');
    expect(JSON.stringify(prep.answers.get(steps[2]!.id))).toContain('Gemt efter udfaldet');
    // Every colleague's turn was answered: the help card, or the request to try again.
    for (const outcome of outcomes) {
      expect(outcome.status).toBe(200);
      expect(outcome.reply.includes('hjælp') || outcome.reply.includes(texts.unexpectedError.da)).toBe(true);
    }
    expect(outcomes.some((o) => o.reply.includes(texts.unexpectedError.da))).toBe(true);
    expect(unhandled).toEqual([]);
  }, 240_000);
});
