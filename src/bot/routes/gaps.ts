import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { assertAllowed } from '../../domain/authorization';
import { InvalidInputError, NotFoundError, StaleCardError } from '../../domain/errors';
import type { Member } from '../../services/identity';
import type { Locale } from '../../domain/i18n';
import { formatterFor } from '../../domain/format';
import {
  gapsNone, gapsNotShown, gapsOlder, gapsPosted, gapsStatus, gapsTitle, gapsWhy, municipalityTitle, overviewLine, say, votesLabel,
} from '../../domain/texts';
import { commandTrigger } from '../../domain/commands';
import { reachSummary } from '../../domain/reachTexts';
import { unreachableCounts } from '../../services/proactiveInstall';
import { subjectOf } from '../../services/department';
import { type GapSummary, gapSummary, municipalityView } from '../../services/gaps';
import type { TeamRoster } from '../../services/grus';
import { currentCycle } from '../../services/preparation';
import { scheduleAskedRelease } from '../../jobs/releases';
import { departmentRef } from '../cardInput';
import { type AdaptiveCardJson, type CardData, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import type { ProactiveSender } from '../proactive';
import { verbs } from '../verbs';
import { channelChoices } from '../turn';

const number = (n: number, locale: Locale, signed = false) => formatterFor(locale).number(n, { decimals: 1, signed });

const round = (n: number) => Math.round(n * 10) / 10;

/** A bar built from two columns: its share of the scale out of 100 (at least 1, so a low value still shows), and the rest. */
function barOf(value: number | undefined, levels: number): { weight: number; rest: number } {
  if (value === undefined) return { weight: 0, rest: 0 };
  const weight = Math.min(100, Math.max(1, Math.round((value / levels) * 100)));
  return { weight, rest: 100 - weight };
}

type GapCardData = CardData['gap-summary'];

/** The card's data for a summary, without the channel parts (votes, channel choice). */
export function gapCardData(summary: GapSummary, levels: number, municipalityName: string, locale: Locale, timeZone: string): GapCardData {
  const labels = locale === 'da' ? { now: 'Nu', wish: 'Ønsket', gap: 'Gab' } : { now: 'Now', wish: 'Desired', gap: 'Gap' };
  const moment = (iso: string) => ({ da: formatterFor('da', timeZone).dateTime(iso), en: formatterFor('en', timeZone).dateTime(iso) });
  const shownLines = summary.lines.flatMap(({ competence, figure }) => (figure ? [{ competence, figure }] : []));
  const hiddenNames = summary.lines.filter((l) => !l.figure).map((l) => l.competence.name[locale]);
  // The summary's time is its newest figures'; a line kept from an earlier release says so.
  const newest = shownLines.map((l) => l.figure.since).sort().at(-1);
  return {
    departmentId: summary.departmentId ?? '', postingId: '', votes: [], channels: [], exportable: false,
    title: gapsTitle(summary.departmentId ? summary.name : municipalityName, summary.cycle)[locale],
    status: gapsStatus(summary.release ? moment(newest ?? summary.release.at) : undefined, summary.answered)[locale],
    empty: summary.release && shownLines.length === 0 ? gapsNone(summary.answered, summary.threshold)[locale] : '',
    notShown: shownLines.length && hiddenNames.length ? gapsNotShown(hiddenNames)[locale] : '',
    why: gapsWhy(summary.threshold)[locale],
    chart: {
      levels,
      now: shownLines.map(({ competence, figure }) => ({ x: competence.name[locale], y: round(figure.self.mean) })),
      wish: shownLines.flatMap(({ competence, figure }) => (figure.desired === undefined ? [] : [{ x: competence.name[locale], y: figure.desired }])),
    },
    bars: shownLines.map(({ competence, figure }) => {
      const now = barOf(figure.self.mean, levels);
      const wish = barOf(figure.desired, levels);
      return {
        name: competence.name[locale], now: number(figure.self.mean, locale), nowWeight: now.weight, nowRest: now.rest,
        wish: figure.desired === undefined ? '' : number(figure.desired, locale), wishWeight: wish.weight, wishRest: wish.rest,
      };
    }),
    lines: shownLines.map(({ competence, figure }) => {
      const figures = [
        `${labels.now} ${number(figure.self.mean, locale)}`,
        figure.desired !== undefined ? `${labels.wish} ${number(figure.desired, locale)}` : '',
        figure.gap !== undefined ? `${labels.gap} ${number(figure.gap, locale)}` : '',
      ].filter(Boolean).join(' · ');
      const details = [
        figure.trend !== undefined ? `${locale === 'da' ? 'siden sidste år' : 'since last year'} ${number(figure.trend, locale, true)}` : '',
        figure.leader ? `${locale === 'da' ? 'lederens vurdering' : "leaders' rating"} ${number(figure.leader.mean, locale)}` : '',
        `${locale === 'da' ? 'fordeling' : 'distribution'} ${figure.self.distribution.map((n, i) => `${i + 1}: ${n}`).join(' · ')}`,
        figure.since !== newest ? gapsOlder(moment(figure.since))[locale] : '',
      ].filter(Boolean).join(' · ');
      return { name: competence.name[locale], figures, details };
    }),
    largest: summary.largest.map(({ line, activities }) => ({
      name: line.competence.name[locale], gap: number(line.figure!.gap!, locale), activities: activities.map((a) => a.name[locale]).join(', '),
    })),
  };
}

const postSchema = z.object({ departmentId: z.string().min(1).max(64), channelId: z.string().min(1).max(300) });
const voteSchema = z.object({ postingId: z.string().min(1).max(64), competenceId: z.string().min(1).max(100) });

/**
 * A department's competence gaps: for its leader (and HR) from the department card, and shared
 * into a team channel, where the team votes on what to prioritise (one vote each; the card's
 * counts refresh for whoever votes).
 */
export function registerGaps(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender, roster: TeamRoster): void {
  const levels = deps.domainData.competenceModel.scale.levels.length;
  const timeZone = deps.domainData.aarshjul.timezone;
  const summaryOf = (member: Member, departmentId: string) =>
    gapSummary(deps.repos, deps.domainData, member, departmentId, currentCycle(new Date()), deps.config.anonymityThreshold);
  /** Is this person in the team the channel belongs to (Teams' roster)? */
  const inTeam = async (channelId: string, personId: string) => {
    const members = await roster(channelId);
    if (!members) throw new InvalidInputError([{ da: say('da', 'rosterUnavailable'), en: say('en', 'rosterUnavailable') }]);
    return members.some((id) => id.toLowerCase() === personId.toLowerCase());
  };

  app.adaptiveCards.actionSubmit(verbs.gapsOpen, forMember(deps, async (context, member, data) => {
    const summary = await summaryOf(member, departmentRef(data));
    const cardData = gapCardData(summary, levels, '', member.locale, timeZone);
    // Only figures can be exported or shared: a summary without any offers neither.
    const hasFigures = cardData.lines.length > 0;
    const channels = hasFigures ? await channelChoices(deps.repos) : [];
    const card = renderCard('gap-summary', { ...cardData, channels, exportable: hasFigures }, member.locale);
    await replyWithCard(context, card);
    if (hasFigures && channels.length === 0) await context.sendActivity(say(member.locale, 'gapsNoChannel'));
  }));

  // HR: the whole municipality's gaps, and the year per department, for the MED discussion.
  app.message(commandTrigger('municipality'), forMember(deps, async (context, member) => {
    const locale = member.locale;
    const cycle = currentCycle(new Date());
    const threshold = deps.config.anonymityThreshold;
    const { summary: whole, departments: overview } = await municipalityView(deps.repos, deps.domainData, member, cycle, threshold);
    const wholeData = gapCardData(whole, levels, say(locale, 'municipalityName'), locale, timeZone);
    const cards = [
      renderCard('municipality', {
        title: municipalityTitle(cycle)[locale],
        status: wholeData.status,
        exportable: whole.release !== undefined,
        reach: reachSummary(await unreachableCounts(deps.repos))[locale],
        departments: overview.map((d) => ({
          name: d.name,
          line: overviewLine(d.answered, d.largest ? { name: d.largest.competence.name[locale], gap: number(d.largest.gap, locale) } : undefined)[locale],
        })),
      }, locale),
      renderCard('gap-summary', wholeData, locale),
    ];
    await context.sendActivity({ attachments: cards.map((card) => CardFactory.adaptiveCard(card)) });
  }));

  // HR: publish now rather than on the next working morning (the release job; HR is told when it is done).
  app.adaptiveCards.actionSubmit(verbs.releasePublish, forMember(deps, async (context, member) => {
    assertAllowed(await subjectOf(deps.repos, member), { action: 'publish-figures' });
    await scheduleAskedRelease(deps.repos, member.person.id, new Date());
    deps.runJobsSoon?.();
    await context.sendActivity(say(member.locale, 'releaseAsked'));
  }));

  app.adaptiveCards.actionSubmit(verbs.gapsPost, forMember(deps, async (context, member, data) => {
    const parsed = postSchema.safeParse(data);
    if (!parsed.success) throw new InvalidInputError([{ da: 'Vælg en kanal.', en: 'Choose a channel.' }]);
    const { departmentId, channelId } = parsed.data;
    const summary = await summaryOf(member, departmentId);
    const channel = await deps.repos.conversations.get('channel', channelId);
    if (!channel) throw new NotFoundError(`channel ${channelId}`);
    // Only into a team the leader is in: a summary is for the team that works on it.
    if (!(await inTeam(channelId, member.person.id))) throw new InvalidInputError([{ da: say('da', 'gapsShareNotMember'), en: say('en', 'gapsShareNotMember') }]);
    const locale = member.locale;
    const postingId = randomUUID();
    const cardData = { ...gapCardData(summary, levels, '', locale, timeZone), postingId };
    if (!cardData.lines.length) throw new InvalidInputError([{ da: gapsNone(summary.answered, summary.threshold).da, en: gapsNone(summary.answered, summary.threshold).en }]);
    const choices = summary.largest.map(({ line }) => ({ competenceId: line.competence.id, name: line.competence.name[locale] }));
    await deps.repos.postings.create(postingId, { departmentId, cycle: summary.cycle, channelId, postedBy: member.person.id, locale, card: cardData, choices });
    await sender.sendCardToChannel(channelId, postedCard(cardData, choices, new Map(), locale));
    await context.sendActivity(gapsPosted(channel.name ?? channelId)[locale]);
  }));

  app.adaptiveCards.actionExecute(verbs.gapsVote, cardForMember(deps, async (_context, member, data) => {
    const parsed = voteSchema.safeParse(data);
    if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler hvad der stemmes om.', en: 'The card does not say what the vote is about.' }]);
    const loaded = await deps.repos.postings.load(parsed.data.postingId);
    if (!loaded) throw new NotFoundError(`posting ${parsed.data.postingId}`);
    if (!loaded.posting.choices.some((c) => c.competenceId === parsed.data.competenceId)) throw new StaleCardError('vote choice');
    // One vote per member of the team the card was posted to; nobody else's counts.
    if (!(await inTeam(loaded.posting.channelId, member.person.id))) throw new InvalidInputError([{ da: say('da', 'gapsVoteNotMember'), en: say('en', 'gapsVoteNotMember') }]);
    await deps.repos.postings.vote(parsed.data.postingId, member.person.id, parsed.data.competenceId);
    const votes = new Map(loaded.votes).set(member.person.id.toLowerCase(), parsed.data.competenceId);
    return postedCard(loaded.posting.card as GapCardData, loaded.posting.choices, votes, loaded.posting.locale);
  }));
}

/** The card as the channel sees it: the summary and the vote counts. */
function postedCard(data: GapCardData, choices: Array<{ competenceId: string; name: string }>, votes: ReadonlyMap<string, string>, locale: Locale): AdaptiveCardJson {
  const count = (id: string) => [...votes.values()].filter((v) => v === id).length;
  return renderCard('gap-summary', {
    ...data, channels: [],
    votes: choices.map((c) => ({ competenceId: c.competenceId, label: votesLabel(c.name, count(c.competenceId))[locale] })),
  }, locale);
}
