import { publishReleases } from '../../src/services/releases';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gapCardData } from '../../src/bot/routes/gaps';
import type { DomainData } from '../../src/domain/catalogue';
import { anonymityThreshold } from '../../src/domain/gaps';
import { planStatus } from '../../src/domain/plan';
import { questionInputId, ratingInputId, sectionIds } from '../../src/domain/preparation';
import { projectRoot } from '../../src/paths';
import { saveCompetenceProfile, saveLeaderRating, startMusRound } from '../../src/services/department';
import { gapSummary } from '../../src/services/gaps';
import { answerGrus, postGrusNow, startGrus } from '../../src/services/grus';
import { requireMember, type Member } from '../../src/services/identity';
import { importOrganisationFile } from '../../src/services/orgImport';
import { changePlan, openPlan, type PlanChange } from '../../src/services/plan';
import { actOnPreparation, preparationContext, sharePreparation } from '../../src/services/preparation';
import type { Repositories } from '../../src/storage';
import { demoOrganisationFile } from './demo';

/**
 * A year of use in the demo municipality, so that every persona of `npm start` sees the product
 * working at once: most employees prepared and rated themselves — this cycle and the last, so
 * the gap figures have a trend —, some shared their preparation with their leader, one
 * development plan is approved by both, Hjemmeplejen Nord's gap summary was posted in its channel
 * and voted on, and a GRUS was answered and its result posted. Hjemmeplejen Nord and the
 * municipality have at least 5 raters in both cycles; the night team (Hjemmeplejen Nord – Nat,
 * three people, data/demo/organisation-nat.csv, imported with the organisation) stays under
 * the threshold.
 *
 * Everything goes through the services the bot's routes call — preparations step by step as the
 * cards submit them, the leader's ratings, the MUS round, the plan's goal, action and the two
 * approvals, the posting and the GRUS — as the people themselves (their Member), with the
 * answers a person might give. No message is sent: invitations and results were "sent then".
 * The e2e tests load the organisation only (seedDemo); this is `npm run seed:demo` and the first
 * `npm start`.
 */
export const nightTeamFile = path.join(projectRoot, 'data/demo/organisation-nat.csv');

/** The demo's Entra object ids: person number n of data/demo/organisation*.csv. */
const demoPerson = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;

const people = {
  mette: 1, lars: 2, sofie: 3, ahmad: 4, anne: 7, peter: 8, louise: 9, mikkel: 10, hanne: 11, thomas: 12,
  rasmus: 17, julie: 18, nikolaj: 19, emma: 20, frederik: 21, ida: 22, oliver: 23, karen: 24,
  jonas: 25, sara: 26, bo: 27, birgitte: 16,
} as const;
const id = (name: keyof typeof people) => demoPerson(people[name]);

/** Who has done what, per cycle. */
const thisCycle = {
  finished: ['anne', 'peter', 'louise', 'mikkel', 'hanne', 'thomas', 'karen', 'jonas', 'sara', 'rasmus', 'julie', 'nikolaj', 'emma', 'ida', 'oliver'],
  /** Started: the first steps done; they can carry on where they left off. */
  started: { mette: 2, frederik: 4 },
  shared: { anne: ['competences', 'theme-future-ambitions', 'theme-development-goals'], louise: 'all', thomas: ['theme-looking-back', 'competences'] } as Record<string, string[] | 'all'>,
} as const;
const lastCycle = {
  finished: ['mette', 'sofie', 'anne', 'peter', 'louise', 'mikkel', 'hanne', 'jonas', 'sara', 'bo', 'rasmus', 'julie', 'nikolaj', 'emma', 'frederik'],
} as const;

/** Departments' desired levels (the competence profile), the same both cycles. */
const profiles: Record<string, { leader: keyof typeof people; desired: Record<string, number> }> = {
  'hjemmeplejen-nord': {
    leader: 'lars',
    desired: {
      'faglig-kompetence': 4, servicekompetence: 4, samarbejdskompetence: 4, kommunikationskompetence: 4, forandringskompetence: 3,
      selvledelseskompetence: 3, 'laerings-og-videndelingskompetence': 4, innovationskompetence: 3, 'resultatskabende-kompetence': 3,
    },
  },
  borgerservice: {
    leader: 'birgitte',
    desired: {
      servicekompetence: 5, kommunikationskompetence: 4, 'faglig-kompetence': 4, samarbejdskompetence: 4, forandringskompetence: 4,
      innovationskompetence: 3, selvledelseskompetence: 3, 'laerings-og-videndelingskompetence': 3, 'resultatskabende-kompetence': 4,
    },
  },
};

/** What people write, by theme: a few plausible answers each, picked per person. */
const answers: Record<string, string[]> = {
  'looking-back': [
    'Vi fik de nye ruter til at fungere, og borgerne mærkede det.',
    'Jeg er stolt af, at jeg tog ansvar for oplæringen af to nye kolleger.',
    'Samarbejdet med sygeplejen om medicin er blevet meget bedre.',
    'Det var et travlt år, men vi holdt sammen i teamet.',
  ],
  'tasks-wellbeing': [
    'Jeg får energi af de faste borgere og af at kunne gøre en forskel.',
    'Dokumentationen tager tid fra borgerne; det dræner mig.',
    'En bedre dag er en, hvor planen holder, og der er tid til at tale sammen.',
    'Mere ro om morgenmødet ville hjælpe.',
  ],
  'collaboration-leadership': [
    'Vi hjælper hinanden, når nogen er bagud.',
    'Jeg vil gerne have mere sparring med terapeuterne.',
    'Jeg har brug for mere feedback undervejs, ikke kun til MUS.',
    'Videndeling på tværs af grupperne kan blive bedre.',
  ],
  'future-ambitions': [
    'Næste år vil jeg gerne arbejde mere med rehabilitering.',
    'Jeg vil gerne være ressourceperson for demens.',
    'Jeg vil gerne prøve nye opgaver og tage mere ansvar.',
    'Jeg vil fortsætte, hvor jeg er, og blive dygtigere fagligt.',
  ],
  'learning-preferences': [
    'Jeg lærer bedst ved at prøve det af sammen med en erfaren kollega.',
    'Et kursus med opfølgning i hverdagen virker for mig.',
    'En strækopgave kunne være at planlægge en temadag.',
  ],
  'development-goals': [
    'Mål: blive sikker i forflytning med de nye hjælpemidler.',
    'Mål: bedre dokumentation med færre dobbeltregistreringer.',
    'Mål: lære at holde korte lærende møder i teamet.',
    'Vi kan følge op på det til et teammøde efter et halvt år.',
  ],
};

/** A small, repeatable pseudo-random source per person and cycle (mulberry32). */
function random(seedText: string): () => number {
  let seed = [...seedText].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)]!;

type Context = Awaited<ReturnType<typeof preparationContext>>;
type Step = Context['steps'][number];

/** What a person enters on a step's card: answers to every question, a level (or "not relevant") per competence. */
function cardValues(step: Step, desired: Readonly<Record<string, number>>, next: () => number, lastYear: boolean): Record<string, string> {
  if (step.kind === 'rating') {
    return Object.fromEntries(step.group.competences.map((competence) => {
      if (next() < 0.04) return [ratingInputId(competence.id), 'na'];
      // Around a level below the wish, a little lower last year (so there is a trend), 1–5.
      const target = (desired[competence.id] ?? 3) - 1 + (lastYear ? -0.4 : 0);
      const level = Math.min(5, Math.max(1, Math.round(target + (next() - 0.45) * 2)));
      return [ratingInputId(competence.id), String(level)];
    }));
  }
  const themeId = step.theme.id;
  return Object.fromEntries(step.theme.questions.map((question) => {
    if (question.kind === 'text') return [questionInputId(question.id), pick(answers[themeId] ?? answers['looking-back']!, next)];
    const choices = question.choices.map((choice) => choice.id);
    const count = question.kind === 'multi-choice' ? Math.min(question.maxChoices ?? 2, 2) : 1;
    const picked = [...new Set(Array.from({ length: count }, () => pick(choices, next)))];
    return [questionInputId(question.id), picked.join(',')];
  }));
}

/** The person walks through their preparation card by card (Next), `steps` of them or all. */
async function prepare(repos: Repositories, data: DomainData, member: Member, now: Date, steps?: number): Promise<Context> {
  const ctx = await preparationContext(repos, data, member.person, now);
  const next = random(`${member.person.id}|${ctx.cycle}`);
  const lastYear = ctx.cycle !== String(new Date().getUTCFullYear());
  let view = await actOnPreparation(repos, ctx, member, 'resume', { values: {} });
  for (const step of ctx.steps.slice(0, steps ?? ctx.steps.length)) {
    view = await actOnPreparation(repos, ctx, member, 'next', { version: view.prep.header.version, stepId: step.id, values: cardValues(step, ctx.desired, next, lastYear) });
    if ('problems' in view && view.problems?.length) throw new Error(`demo answer refused for ${step.id}: ${view.problems.map((p) => p.en).join('; ')}`);
  }
  return ctx;
}

export interface DemoYearSummary {
  cycles: { current: string; last: string };
  prepared: { current: number; last: number };
  shared: number;
}

/** Loads the demo year (the organisation with the night team again, the year's use once: 'already-loaded' after that). */
export async function seedDemoYear(repos: Repositories, data: DomainData, now: Date = new Date()): Promise<DemoYearSummary | 'already-loaded'> {
  const current = String(now.getUTCFullYear());
  const last = String(now.getUTCFullYear() - 1);
  const threshold = anonymityThreshold(undefined);
  const lastYear = new Date(Date.UTC(now.getUTCFullYear() - 1, 2, 15, 10));

  // HR's next import has the night team too (its rows added to the demo organisation file).
  const nightRows = (await readFile(nightTeamFile, 'utf8')).split('\n').slice(1).join('\n');
  const organisation = `${(await readFile(demoOrganisationFile, 'utf8')).trimEnd()}\n${nightRows}`;
  const imported = await importOrganisationFile(repos, organisation);
  if (!imported.ok) throw new Error(`The demo files are invalid: ${imported.problems.map((p) => `line ${p.line}: ${p.message.en}`).join('; ')}`);
  if (await repos.preparations.load(id('anne'), current)) return 'already-loaded';
  const member = (name: keyof typeof people) => requireMember(repos, id(name), 'da-DK');

  // The leaders keep their departments' competence profiles, both cycles.
  for (const [departmentId, profile] of Object.entries(profiles)) {
    for (const cycle of [last, current]) await saveCompetenceProfile(repos, await member(profile.leader), departmentId, cycle, { desired: profile.desired });
  }

  // Last cycle: most prepared in the spring; its figures were published then (the trend needs them).
  for (const name of lastCycle.finished) await prepare(repos, data, await member(name), lastYear);
  await publishReleases(repos, data, { now: new Date(lastYear.getTime() + 30 * 86_400_000), threshold, trigger: 'morning', owner: 'demo', cycle: last });

  // This cycle: Lars opened the MUS round (the invitations went out then); most have prepared.
  const lars = await member('lars');
  const deadline = new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  await startMusRound(repos, lars, 'hjemmeplejen-nord', { deadline, includeSubDepartments: true }, current, async (invited) => invited.map(() => ({ outcome: 'queued' as const })));
  let shared = 0;
  for (const name of thisCycle.finished) {
    const employee = await member(name);
    const ctx = await prepare(repos, data, employee, now);
    const sections = thisCycle.shared[name];
    if (!sections) continue;
    const prep = (await repos.preparations.load(employee.person.id, current))!;
    const chosen = sections === 'all' ? sectionIds(ctx.steps) : sections;
    await sharePreparation(repos, ctx, employee, { version: prep.header.version, values: Object.fromEntries(chosen.map((section) => [`share_${section}`, 'true'])) });
    shared++;
  }
  for (const [name, steps] of Object.entries(thisCycle.started)) await prepare(repos, data, await member(name as keyof typeof people), now, steps);

  // Lars rates the two who shared their competences, beside their own rating.
  for (const name of ['anne', 'louise'] as const) {
    const ratings = Object.fromEntries(Object.entries(profiles['hjemmeplejen-nord']!.desired).map(([competenceId, level], i) => [competenceId, Math.max(1, level - (i % 2))]));
    await saveLeaderRating(repos, lars, id(name), current, ratings);
  }

  // Anne and Lars agreed her development plan, and both approved it.
  await agreePlan(repos, data, lars, await member('anne'), current, now);

  // This morning's release: the figures every card reads.
  await publishReleases(repos, data, { now, threshold, trigger: 'morning', owner: 'demo', cycle: current });

  // Lars posted the department's gap summary in the team's channel; five voted.
  await postAndVote(repos, data, lars, current, threshold, ['anne', 'peter', 'louise', 'mikkel', 'karen']);

  // A GRUS in the team: six answered, Lars posted the result.
  await groupConversation(repos, data, lars, current, threshold, now);

  return {
    cycles: { current, last },
    prepared: { current: thisCycle.finished.length, last: lastCycle.finished.length },
    shared,
  };
}

async function agreePlan(repos: Repositories, data: DomainData, leader: Member, employee: Member, cycle: string, now: Date): Promise<void> {
  const ownerId = employee.person.id;
  const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  /** One change as the card submits it: on the plan's current revision; a refusal is a bug here. */
  const change = async (by: Member, planChange: PlanChange) => {
    const revision = (await openPlan(repos, by, ownerId, cycle)).stored.plan.revision;
    const { view } = await changePlan(repos, data, by, ownerId, cycle, revision, planChange, now);
    if (view.problems?.length || view.stale) throw new Error(`the demo plan change ${planChange.kind} was refused: ${view.problems?.map((p) => p.en).join('; ') ?? 'stale'}`);
    return view.stored.plan;
  };
  // A goal comes with its first action, as on the card.
  const plan = await change(leader, {
    kind: 'add-goal',
    input: {
      p_competence: 'faglig-kompetence', p_goal: 'Blive ressourceperson for demens i teamet', p_evaluation: 'Hun holder et lærende møde for teamet, og vi taler om det til næste MUS',
      p_activity: 'eksterne-kurser-amu', p_note: 'AMU-kursus i demens', p_start: day(20), p_end: day(60), p_responsible: 'employee',
    },
  });
  const goalId = plan.goals[0]!.id;
  await change(leader, { kind: 'add-action', goalId, input: { p_activity: 'sidemandsoplaering', p_note: 'Følges med Hanne på demensbesøg', p_start: day(30), p_end: day(90), p_responsible: 'both' } });
  await change(leader, { kind: 'approve' });
  const status = planStatus(await change(employee, { kind: 'approve' }));
  if (status.kind !== 'approved') throw new Error(`the demo plan is ${status.kind}, not approved`);
}

/** The team's channel in the Agents Playground (.m365agentsplayground.yml): General has the team's id. */
const teamChannel = { id: 'team-hjemmeplejen-nord', name: 'Hjemmeplejen Nord' };

async function postAndVote(repos: Repositories, data: DomainData, leader: Member, cycle: string, threshold: number, voters: Array<keyof typeof people>): Promise<void> {
  const summary = await gapSummary(repos, data, leader, 'hjemmeplejen-nord', cycle, threshold);
  const levels = data.competenceModel.scale.levels.length;
  const postingId = `demo-${cycle}-hjemmeplejen-nord`;
  const card = { ...gapCardData(summary, levels, '', leader.locale, data.aarshjul.timezone), postingId };
  const choices = summary.largest.map(({ line }) => ({ competenceId: line.competence.id, name: line.competence.name[leader.locale] }));
  if (choices.length === 0) throw new Error('the demo department shows no gaps to vote on');
  await repos.postings.create(postingId, { departmentId: 'hjemmeplejen-nord', cycle, channelId: teamChannel.id, postedBy: leader.person.id, locale: leader.locale, card, choices });
  for (const [i, voter] of voters.entries()) await repos.postings.vote(postingId, id(voter), choices[i % Math.min(2, choices.length)]!.competenceId);
}

async function groupConversation(repos: Repositories, data: DomainData, leader: Member, cycle: string, threshold: number, now: Date): Promise<void> {
  // The bot was added to the team: its channel is known (the reference is renewed by the next activity there).
  await repos.conversations.save('channel', teamChannel.id, {
    reference: {
      bot: { id: 'kompetencebot' }, conversation: { id: teamChannel.id, conversationType: 'channel', isGroup: true },
      channelId: 'msteams', serviceUrl: 'http://127.0.0.1:56150/_connector',
    },
    name: teamChannel.name, teamId: teamChannel.id,
  });
  const team = ['mette', 'sofie', 'ahmad', 'anne', 'peter', 'louise', 'mikkel', 'hanne', 'thomas', 'karen'] as const;
  const deadline = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  const started = await startGrus(repos, data, leader, async () => team.map(id), { departmentId: 'hjemmeplejen-nord', channelId: teamChannel.id, deadline }, cycle, threshold, now);
  for (const name of ['anne', 'peter', 'louise', 'mikkel', 'hanne', 'thomas'] as const) {
    const next = random(`${id(name)}|grus`);
    const values = Object.assign({}, ...started.themes.map((theme) => cardValues({ kind: 'questions', id: theme.id, theme } as Step, {}, next, false)));
    const outcome = await answerGrus(repos, data, await requireMember(repos, id(name), 'da-DK'), started.id, values, threshold);
    if (outcome.kind !== 'saved') throw new Error('a demo GRUS answer was refused');
  }
  await postGrusNow(repos, data, leader, started.id, threshold);
}
