import { beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultSendWindow } from '../../src/domain/quietHours';
import { requireMember } from '../../src/services/identity';
import { yourYear } from '../../src/services/year';
import { botHarness, demo, visibleText } from '../support/botHarness';

// A leader's "your year": what is next in the årshjul, and what is overdue because its action is
// not done. On Azurite, with a fixed date (23 November 2026).
let harness: Awaited<ReturnType<typeof botHarness>>;
const now = new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
  harness = await botHarness();
});

const yearOf = async () => yourYear(harness.repos, harness.domainData, await requireMember(harness.repos, demo.lars.aadObjectId, 'da-DK'), now, defaultSendWindow);

describe("a leader's year", () => {
  it('when nothing was done this year, then the profile review and the MUS season are overdue — and only overdue, not also next — and the next milestones run into next year', async () => {
    const year = await yearOf();
    expect(year.departmentName).toBe('Hjemmeplejen Nord');
    expect(year.overdue.map((e) => e.milestone.id)).toEqual(['profile-review', 'mus-season-opens']);
    expect(year.next.map((e) => [e.milestone.id, e.date])).toEqual([
      ['lederforum-evaluation', '2026-12-01'], ['mus-held', '2027-03-31'], ['action-plan-due', '2027-04-30'],
    ]);
    expect(year.next[0]!.days).toBe(8);
  });

  it('when a leader reads "mit år" / "my year" on 7 December with this year\'s profile review overdue, then the card names it once, under overdue, in either language', async () => {
    // The bot's clock is the system's: set to a day when the profile review is overdue and next year's is near.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T10:00:00Z'));
    const cardOf = async (text: string) => visibleText((await harness.say(demo.lars, text))[0]!);
    let danish: string;
    let english: string;
    try {
      danish = await cardOf('mit år');
      await harness.repos.preferences.setLanguage(demo.lars.aadObjectId, 'en');
      english = await cardOf('my year');
    } finally {
      vi.useRealTimers();
      await harness.repos.preferences.setLanguage(demo.lars.aadObjectId, 'da');
    }
    for (const [card, overdue, next, name] of [
      [danish, 'Overskredet', 'Det næste', 'Gennemgang af kompetenceprofilen'],
      [english, 'Overdue', 'Coming up', 'Competence profile review'],
    ] as const) {
      const [before, after] = card.split(next);
      expect(before).toContain(overdue);
      expect(before).toContain(name);
      expect(after).not.toContain(name);
      expect(card.split(name)).toHaveLength(2);
    }
  });

  it('when the profile was reviewed and a round started this year, then nothing is overdue', async () => {
    await harness.repos.departmentSettings.setProfile('hjemmeplejen-nord', '2026', { samarbejdskompetence: 4 });
    await harness.repos.rounds.open('hjemmeplejen-nord', '2026', '2026-12-15', false, demo.lars.aadObjectId);
    expect((await yearOf()).overdue).toEqual([]);
  });

  it('when a leader types "mit år", then the card shows their year; an employee is told it is for leaders', async () => {
    const text = visibleText((await harness.say(demo.lars, 'mit år'))[0]!);
    expect(text).toContain('Dit år – Hjemmeplejen Nord');
    expect(text).toContain('Det næste');
    expect(visibleText((await harness.say(demo.mette, 'mit år'))[0]!)).toContain('ikke registreret som leder');
  });
});
