import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError, NotFoundError, StaleCardError } from '../../domain/errors';
import type { Member } from '../../services/identity';
import type { Locale } from '../../domain/i18n';
import { gapsHidden, gapsPosted, gapsRespondents, gapsTitle, municipalityTitle, overviewLine, say, votesLabel } from '../../domain/texts';
import { commandTrigger } from '../../domain/commands';
import { departmentOverview, type GapSummary, gapSummary } from '../../services/gaps';
import { currentCycle } from '../../services/preparation';
import { departmentRef } from '../cardInput';
import { type AdaptiveCardJson, type CardData, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import type { ProactiveSender } from '../proactive';
import { verbs } from '../verbs';
import { channelChoices } from '../turn';

const number = (n: number, locale: Locale, signed = false) =>
  n.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 0, ...(signed ? { signDisplay: 'exceptZero' as const } : {}) });

const round = (n: number) => Math.round(n * 10) / 10;

/** A bar built from two columns: its share of the scale out of 100 (at least 1, so a low value still shows), and the rest. */
function barOf(value: number | undefined, levels: number): { weight: number; rest: number } {
  if (value === undefined) return { weight: 0, rest: 0 };
  const weight = Math.min(100, Math.max(1, Math.round((value / levels) * 100)));
  return { weight, rest: 100 - weight };
}

type GapCardData = CardData['gap-summary'];

/** The card's data for a summary, without the channel parts (votes, channel choice). */
export function gapCardData(summary: GapSummary, levels: number, municipalityName: string, locale: Locale): GapCardData {
  const labels = locale === 'da' ? { now: 'Nu', wish: 'Ønsket', gap: 'Gab' } : { now: 'Now', wish: 'Desired', gap: 'Gap' };
  const shown = summary.lines.flatMap(({ competence, figure }) => (figure?.self ? [{ name: competence.name[locale], self: figure.self, desired: figure.desired }] : []));
  return {
    departmentId: summary.departmentId ?? '', postingId: '', votes: [], channels: [], exportable: false,
    title: gapsTitle(summary.departmentId ? summary.name : municipalityName, summary.cycle)[locale],
    respondents: gapsRespondents(summary.respondents, summary.threshold)[locale],
    hidden: gapsHidden(summary.threshold)[locale],
    chart: {
      levels,
      now: shown.map(({ name, self }) => ({ x: name, y: round(self.mean) })),
      wish: shown.flatMap(({ name, desired }) => (desired === undefined ? [] : [{ x: name, y: desired }])),
    },
    bars: shown.map(({ name, self, desired }) => {
      const now = barOf(self.mean, levels);
      const wish = barOf(desired, levels);
      return {
        name, now: number(self.mean, locale), nowWeight: now.weight, nowRest: now.rest,
        wish: desired === undefined ? '' : number(desired, locale), wishWeight: wish.weight, wishRest: wish.rest,
      };
    }),
    lines: summary.lines.map(({ competence, figure }) => {
      const self = figure?.self;
      const figures = [
        self ? `${labels.now} ${number(self.mean, locale)}` : '',
        figure?.desired !== undefined ? `${labels.wish} ${number(figure.desired, locale)}` : '',
        figure?.gap !== undefined ? `${labels.gap} ${number(figure.gap, locale)}` : '',
      ].filter(Boolean).join(' · ');
      const details = [
        figure?.trend !== undefined ? `${locale === 'da' ? 'siden sidste år' : 'since last year'} ${number(figure.trend, locale, true)}` : '',
        figure?.leader ? `${locale === 'da' ? 'lederens vurdering' : "leaders' rating"} ${number(figure.leader.mean, locale)}` : '',
        self ? `${locale === 'da' ? 'fordeling' : 'distribution'} ${self.distribution.map((n, i) => `${i + 1}: ${n}`).join(' · ')}` : '',
      ].filter(Boolean).join(' · ');
      return { name: competence.name[locale], shown: self !== undefined, figures, details };
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
export function registerGaps(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender): void {
  const levels = deps.domainData.competenceModel.scale.levels.length;
  const summaryOf = (member: Member, departmentId: string) =>
    gapSummary(deps.repos, deps.domainData, member, departmentId, currentCycle(new Date()), deps.config.anonymityThreshold);

  app.adaptiveCards.actionSubmit(verbs.gapsOpen, forMember(deps, async (context, member, data) => {
    const summary = await summaryOf(member, departmentRef(data));
    const channels = await channelChoices(deps.repos);
    const card = renderCard('gap-summary', { ...gapCardData(summary, levels, '', member.locale), channels, exportable: true }, member.locale);
    await replyWithCard(context, card);
    if (channels.length === 0) await context.sendActivity(say(member.locale, 'gapsNoChannel'));
  }));

  // HR: the whole municipality's gaps, and the year per department, for the MED discussion.
  app.message(commandTrigger('municipality'), forMember(deps, async (context, member) => {
    const locale = member.locale;
    const cycle = currentCycle(new Date());
    const threshold = deps.config.anonymityThreshold;
    const overview = await departmentOverview(deps.repos, deps.domainData, member, cycle, threshold);
    const whole = await gapSummary(deps.repos, deps.domainData, member, undefined, cycle, threshold);
    const cards = [
      renderCard('municipality', {
        title: municipalityTitle(cycle)[locale],
        departments: overview.map((d) => ({
          name: d.name,
          line: overviewLine(d.respondents, d.largest ? { name: d.largest.competence.name[locale], gap: number(d.largest.gap, locale) } : undefined, threshold)[locale],
        })),
      }, locale),
      renderCard('gap-summary', gapCardData(whole, levels, say(locale, 'municipalityName'), locale), locale),
    ];
    await context.sendActivity({ attachments: cards.map((card) => CardFactory.adaptiveCard(card)) });
  }));

  app.adaptiveCards.actionSubmit(verbs.gapsPost, forMember(deps, async (context, member, data) => {
    const parsed = postSchema.safeParse(data);
    if (!parsed.success) throw new InvalidInputError([{ da: 'Vælg en kanal.', en: 'Choose a channel.' }]);
    const { departmentId, channelId } = parsed.data;
    const channel = await deps.repos.conversations.get('channel', channelId);
    if (!channel) throw new NotFoundError(`channel ${channelId}`);
    const summary = await summaryOf(member, departmentId);
    const locale = member.locale;
    const postingId = randomUUID();
    const cardData = { ...gapCardData(summary, levels, '', locale), postingId };
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
