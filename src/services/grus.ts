import { randomUUID } from 'node:crypto';
import { assertAllowed } from '../domain/authorization';
import { type DomainData, type ThemeWithQuestions, questionSetFromEntries } from '../domain/catalogue';
import { InvalidInputError, NotAllowedError, NotFoundError, StaleCardError } from '../domain/errors';
import { type ActionItem, parseActionItems } from '../domain/actionPlan';
import { type GroupResult, groupResult, mayPost, participantsOf } from '../domain/grus';
import type { LocalizedText } from '../domain/i18n';
import { parseStepInput, type QuestionAnswers } from '../domain/preparation';
import { entriesInBank } from '../domain/questionSet';
import { isCalendarDate } from '../domain/quietHours';
import type { Repositories } from '../storage';
import type { Grus } from '../storage/grusRepository';
import { subjectOf } from './department';
import type { Member } from './identity';

/** The team's members as Teams lists them (Entra object ids), or undefined if the bot cannot ask. */
export type TeamRoster = (channelId: string) => Promise<string[] | undefined>;

export interface StartedGrus {
  id: string;
  grus: Grus;
  themes: ThemeWithQuestions[];
}

/** The questions a GRUS asks, as they were when it started (less any the bank has dropped since). */
export function grusThemes(data: DomainData, grus: Grus): ThemeWithQuestions[] {
  return questionSetFromEntries(data.questionBank, entriesInBank(data.questionBank, grus.questions).entries);
}

const deadlineProblem = (deadline: string, today: string): LocalizedText | undefined => {
  if (!isCalendarDate(deadline)) return { da: 'Vælg en svarfrist.', en: 'Choose a deadline for answers.' };
  if (deadline <= today) return { da: 'Svarfristen skal ligge efter i dag.', en: 'The deadline must be after today.' };
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + 90);
  if (deadline > limit.toISOString().slice(0, 10)) return { da: 'Svarfristen må højst ligge 90 dage frem.', en: 'The deadline may be at most 90 days ahead.' };
  return undefined;
};

function tooFewForGrus(known: number, already: number, threshold: number): LocalizedText {
  const taken = already
    ? { da: `, og ${already} af dem er allerede med i en anden GRUS i år (hver deltager i én GRUS om året, så to resultater aldrig kan trækkes fra hinanden)`, en: `, and ${already} of them already take part in another GRUS this year (everyone takes part in one GRUS a year, so no two results can be subtracted from each other)` }
    : { da: '', en: '' };
  return {
    da: `Teamet har ${known} deltagere, jeg kender${taken.da}. Der skal mindst være ${threshold}, før et samlet resultat kan vises uden at pege på nogen.`,
    en: `The team has ${known} participants I know${taken.en}. There must be at least ${threshold} before a combined result can be shown without pointing at anyone.`,
  };
}

/**
 * A leader starts a GRUS for a team: everyone in the team the bot knows (but the leader) is asked
 * the group questions. A team with fewer such people than the anonymity threshold could never
 * see a result, so it is refused at once, saying why.
 */
export async function startGrus(
  repos: Repositories, data: DomainData, member: Member, roster: TeamRoster,
  input: { departmentId: string; channelId: string; deadline: string }, cycle: string, threshold: number, now: Date,
): Promise<StartedGrus> {
  assertAllowed(await subjectOf(repos, member), { action: 'run-grus', departmentId: input.departmentId });
  const problem = deadlineProblem(input.deadline, now.toISOString().slice(0, 10));
  if (problem) throw new InvalidInputError([problem]);
  const channel = await repos.conversations.get('channel', input.channelId);
  if (!channel) throw new NotFoundError(`channel ${input.channelId}`);
  const rosterIds = await roster(input.channelId);
  if (!rosterIds) {
    throw new InvalidInputError([{ da: 'Jeg kan ikke se, hvem der er med i teamet. Prøv igen om lidt.', en: "I cannot see who is in the team. Please try again shortly." }]);
  }
  const [people, taken] = await Promise.all([repos.org.listPeople(), repos.grus.participantsOf(cycle)]);
  const registered = new Set(people.filter((p) => p.active).map((p) => p.id.toLowerCase()));
  const team = participantsOf(rosterIds, registered, member.person.id);
  // One GRUS a person a cycle: results are over people no other result counts, so no two
  // results (a second GRUS on the same team, or an overlapping one) can be subtracted.
  const participants = team.filter((p) => !taken.has(p));
  if (participants.length < threshold) throw new InvalidInputError([tooFewForGrus(team.length, team.length - participants.length, threshold)]);
  const id = randomUUID();
  if (!(await repos.grus.claimParticipants(cycle, id, participants))) {
    throw new InvalidInputError([{ da: 'Nogen startede netop en anden GRUS med nogle af de samme. Prøv igen.', en: 'Someone just started another GRUS with some of the same people. Please try again.' }]);
  }
  const teamName = channel.name ?? input.channelId;
  const grus = await repos.grus.create(id, {
    departmentId: input.departmentId, cycle, channelId: input.channelId, teamName, startedBy: member.person.id, deadline: input.deadline,
    locale: member.locale, participants, questions: data.questionBank.defaultSet.group,
  });
  return { id, grus, themes: grusThemes(data, grus) };
}

/** A participant's view: the questions, their answers so far, and whether it is still open. */
export async function grusForParticipant(repos: Repositories, data: DomainData, member: Member, grusId: string) {
  const loaded = await repos.grus.load(grusId);
  if (!loaded) throw new NotFoundError(`grus ${grusId}`);
  if (!loaded.grus.participants.includes(member.person.id.toLowerCase())) throw new NotAllowedError('answer-grus');
  return { grus: loaded.grus, themes: grusThemes(data, loaded.grus), answers: loaded.answers.get(member.person.id.toLowerCase()) ?? {}, answered: loaded.answers.size };
}

/** The open conversations the member is asked to answer, with their answers so far. */
export async function openForParticipant(repos: Repositories, data: DomainData, member: Member) {
  const me = member.person.id.toLowerCase();
  const open = (await repos.grus.listOpen()).filter(({ grus }) => grus.participants.includes(me));
  return Promise.all(open.map(async ({ id }) => ({ id, ...(await grusForParticipant(repos, data, member, id)) })));
}

export type AnswerOutcome =
  | { kind: 'saved'; answered: number; participants: number; grus: Grus; posted?: PostedResult }
  | { kind: 'invalid'; problems: LocalizedText[]; answers: QuestionAnswers };

export interface PostedResult {
  grusId: string;
  grus: Grus;
  result: GroupResult;
}

/**
 * Saves a participant's answers (again, while it is open). When the last participant has
 * answered, the result is ready to post: returned once, to whichever turn won the header.
 */
export async function answerGrus(
  repos: Repositories, data: DomainData, member: Member, grusId: string, input: Record<string, unknown>, threshold: number,
): Promise<AnswerOutcome> {
  const view = await grusForParticipant(repos, data, member, grusId);
  if (view.grus.state !== 'open') throw new StaleCardError(`grus ${grusId} is closed`, 'grus');
  const answers: QuestionAnswers = {};
  const problems: LocalizedText[] = [];
  for (const theme of view.themes) {
    const parsed = parseStepInput({ kind: 'questions', id: theme.id, theme }, input, data.competenceModel.scale, true);
    if (parsed.answer.kind === 'questions') Object.assign(answers, parsed.answer.answers);
    if (!parsed.ok) problems.push(...parsed.problems);
  }
  if (problems.length) return { kind: 'invalid', problems, answers };
  await repos.grus.saveAnswer(grusId, member.person.id, answers);
  const loaded = await repos.grus.load(grusId);
  if (!loaded) throw new NotFoundError(`grus ${grusId}`);
  const answered = loaded.answers.size;
  const everyone = loaded.grus.participants.every((p) => loaded.answers.has(p));
  const posted = everyone ? await closeWithResult(repos, data, grusId, loaded, threshold) : undefined;
  return { kind: 'saved', answered, participants: loaded.grus.participants.length, grus: loaded.grus, ...(posted ? { posted } : {}) };
}

/** Moves the GRUS to "posted" (once, across instances) and returns the result to post. */
async function closeWithResult(
  repos: Repositories, data: DomainData, grusId: string, loaded: NonNullable<Awaited<ReturnType<Repositories['grus']['load']>>>, threshold: number,
): Promise<PostedResult | undefined> {
  const answers = [...loaded.answers.entries()].filter(([id]) => loaded.grus.participants.includes(id)).map(([, a]) => a);
  if (!mayPost(loaded.grus.state, answers.length, threshold)) return undefined;
  const grus: Grus = { ...loaded.grus, state: 'posted', postedAt: new Date().toISOString(), respondents: answers.length };
  if (!(await repos.grus.replaceHeader(grusId, grus, loaded.etag))) return undefined;
  return { grusId, grus, result: groupResult(grusThemes(data, grus), answers, threshold, grus.locale) };
}

/** At the deadline: the result to post if enough answered (and nobody posted it meanwhile). */
export async function closeAtDeadline(repos: Repositories, data: DomainData, grusId: string, threshold: number): Promise<PostedResult | undefined> {
  const loaded = await repos.grus.load(grusId);
  return loaded ? closeWithResult(repos, data, grusId, loaded, threshold) : undefined;
}

/** The leader posts the result before everyone has answered (enough have). */
export async function postGrusNow(repos: Repositories, data: DomainData, member: Member, grusId: string, threshold: number): Promise<PostedResult> {
  const loaded = await repos.grus.load(grusId);
  if (!loaded) throw new NotFoundError(`grus ${grusId}`);
  assertAllowed(await subjectOf(repos, member), { action: 'run-grus', departmentId: loaded.grus.departmentId });
  if (loaded.grus.state !== 'open') throw new StaleCardError(`grus ${grusId} already posted`, 'grus');
  if (loaded.answers.size < threshold) {
    throw new InvalidInputError([{
      da: `Der er ${loaded.answers.size} svar. Resultatet kan først vises, når mindst ${threshold} har svaret.`,
      en: `There are ${loaded.answers.size} answers. The result can be shown once at least ${threshold} have answered.`,
    }]);
  }
  const posted = await closeWithResult(repos, data, grusId, loaded, threshold);
  if (!posted) throw new StaleCardError(`grus ${grusId} posted meanwhile`, 'grus');
  return posted;
}

/** The GRUS conversations the leader has started, with how many have answered. */
export async function grusOverview(repos: Repositories, member: Member) {
  const started = await repos.grus.listStartedBy(member.person.id);
  return Promise.all(started.slice(0, 10).map(async ({ id, grus }) => {
    const loaded = await repos.grus.load(id);
    return { id, grus: loaded?.grus ?? grus, answered: loaded?.answers.size ?? 0 };
  }));
}

/** The leader records the group's agreed plan after the conversation; returned to post in the channel. */
export async function saveGroupPlan(
  repos: Repositories, data: DomainData, member: Member, grusId: string, input: unknown, competenceIds: ReadonlySet<string>,
): Promise<{ kind: 'saved'; grus: Grus; items: ActionItem[] } | { kind: 'invalid'; problems: LocalizedText[] }> {
  const loaded = await repos.grus.get(grusId);
  if (!loaded) throw new NotFoundError(`grus ${grusId}`);
  assertAllowed(await subjectOf(repos, member), { action: 'run-grus', departmentId: loaded.grus.departmentId });
  const parsed = parseActionItems(input, { competenceIds, activityIds: new Set(data.activityCatalogue.activities.map((a) => a.id)) }, loaded.grus.cycle);
  if (!parsed.ok) return { kind: 'invalid', problems: parsed.problems };
  const grus: Grus = { ...loaded.grus, plan: parsed.items, planPostedAt: new Date().toISOString() };
  if (!(await repos.grus.replaceHeader(grusId, grus, loaded.etag))) throw new StaleCardError(`grus ${grusId} changed meanwhile`, 'grus');
  return { kind: 'saved', grus, items: parsed.items };
}
