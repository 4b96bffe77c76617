import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nudgeId } from '../../src/jobs/musNudges';
import { type Stack, startStack } from '../support/e2eStack';
import { cards, click, sendMessage, waitForCard } from '../support/playgroundPage';

// Lars starts a MUS round in his Playground; the bot's clock is moved on through the jobs
// endpoint (a `now` is accepted in local mode only); Mette, who has not prepared, is nudged once.
const jobsKey = 'e2e-jobs-key-0123456789abcdef0123456789';
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ personas: ['playground/as-leader.yml', '.m365agentsplayground.yml'], botEnv: { JOBS_KEY: jobsKey } });
  for (const page of stack.pages) await waitForCard(page, 'Velkommen til Kompetencebot', 30_000);
});
afterAll(async () => {
  await stack?.stop();
});

const runJobs = async (now: Date) => {
  const response = await fetch(`${stack.botUrl}/api/jobs/run`, {
    method: 'POST', headers: { authorization: `Bearer ${jobsKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ now: now.toISOString() }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { report: { sent: number } };
};

describe('a nudge in the Playground', () => {
  it('when a round is started and the clock passes the nudge moments, then Mette, who has not prepared, gets exactly one nudge', async () => {
    const [lars, mette] = stack.pages as [typeof stack.page, typeof stack.page];
    await sendMessage(lars, 'min afdeling');
    await click(await waitForCard(lars, 'Mangler at forberede sig'), 'Start MUS-runde');
    await click(await waitForCard(lars, 'Start MUS-runde for Hjemmeplejen Nord'), 'Start runden og send invitationer');
    await waitForCard(lars, 'MUS-runden for Hjemmeplejen Nord er startet');
    await waitForCard(mette, 'Tid til at forberede din MUS');

    const cycle = String(new Date().getUTCFullYear());
    const planned = (await Promise.all([1, 2].map((n) => stack.repos.schedule.get(nudgeId(cycle, '0d1e2f30-0000-4000-8000-000000000001', n))))).filter((i) => i !== undefined);
    expect(planned.length).toBeGreaterThan(0);
    const last = new Date(planned.at(-1)!.dueAt);

    await runJobs(new Date(last.getTime() + 60_000));
    const nudge = await waitForCard(mette, 'Husk din MUS-forberedelse');
    expect(await nudge.innerText()).toContain('du er ikke begyndt endnu');
    // Later ticks send nothing more.
    expect((await runJobs(new Date(last.getTime() + 3_600_000))).report.sent).toBe(0);
    expect(await cards(mette).filter({ hasText: 'Husk din MUS-forberedelse' }).count()).toBe(1);

    await click(nudge, 'Start forberedelsen');
    await waitForCard(mette, 'Trin 1 af 9');
  });
});
