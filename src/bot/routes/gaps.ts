import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import type { Locale } from '../../domain/i18n';
import { gapsHidden, gapsRespondents, gapsTitle } from '../../domain/texts';
import { type GapSummary, gapSummary } from '../../services/gaps';
import { currentCycle } from '../../services/preparation';
import { departmentRef } from '../cardInput';
import { type AdaptiveCardJson, renderCard } from '../cards';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';
import { verbs } from '../verbs';

const number = (n: number, locale: Locale, signed = false) =>
  n.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 0, ...(signed ? { signDisplay: 'exceptZero' as const } : {}) });

/** A bar of the scale's length: "■■■□□ 3,4". */
const bar = (value: number, levels: number, locale: Locale) =>
  `${'■'.repeat(Math.round(value))}${'□'.repeat(Math.max(0, levels - Math.round(value)))} ${number(value, locale)}`;

export function gapCard(summary: GapSummary, levels: number, municipalityName: string, locale: Locale): AdaptiveCardJson {
  const labels = locale === 'da' ? { now: 'Nu     ', wish: 'Ønsket ' } : { now: 'Now    ', wish: 'Desired' };
  return renderCard('gap-summary', {
    title: gapsTitle(summary.departmentId ? summary.name : municipalityName, summary.cycle)[locale],
    respondents: gapsRespondents(summary.respondents, summary.threshold)[locale],
    hidden: gapsHidden(summary.threshold)[locale],
    lines: summary.lines.map(({ competence, figure }) => {
      const self = figure?.self;
      const details = [
        figure?.gap !== undefined ? `${locale === 'da' ? 'Gab' : 'Gap'} ${number(figure.gap, locale)}` : '',
        figure?.trend !== undefined ? `${locale === 'da' ? 'siden sidste år' : 'since last year'} ${number(figure.trend, locale, true)}` : '',
        figure?.leader ? `${locale === 'da' ? 'lederens vurdering' : "leaders' rating"} ${number(figure.leader.mean, locale)}` : '',
        self ? self.distribution.map((n, i) => `${i + 1}: ${n}`).join(' · ') : '',
      ].filter(Boolean).join(' · ');
      return {
        name: competence.name[locale],
        shown: self !== undefined,
        present: self ? `${labels.now} ${bar(self.mean, levels, locale)}` : '',
        desired: figure?.desired !== undefined ? `${labels.wish} ${bar(figure.desired, levels, locale)}` : '',
        details,
      };
    }),
    largest: summary.largest.map(({ line, activities }) => ({
      name: line.competence.name[locale], gap: number(line.figure!.gap!, locale), activities: activities.map((a) => a.name[locale]).join(', '),
    })),
  }, locale);
}

/** A department's competence gaps, for its leader (and HR), from the department card. */
export function registerGaps(app: Application<TurnState>, deps: BotDeps): void {
  app.adaptiveCards.actionSubmit(verbs.gapsOpen, forMember(deps, async (context, member, data) => {
    const summary = await gapSummary(deps.repos, deps.domainData, member, departmentRef(data), currentCycle(new Date()), deps.config.anonymityThreshold);
    const card = gapCard(summary, deps.domainData.competenceModel.scale.levels.length, '', member.locale);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }));
}
