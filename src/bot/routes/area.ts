import { type Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { areaHeading, areaPlanLine, areaPlanTitle } from '../../domain/reachTexts';
import { commandTrigger } from '../../domain/commands';
import { formatterFor } from '../../domain/format';
import { overviewLine, say } from '../../domain/texts';
import { areaActionPlan, areaFigures, areaOverview } from '../../services/area';
import { currentCycle } from '../../services/preparation';
import { departmentRef } from '../cardInput';
import { renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';
import { gapCardData } from './gaps';
import { postedPlanCard } from './actionPlan';
import { verbs } from '../verbs';

/** The choice that stands for the whole municipality (no department id starts with it). */
export const municipalityRef = '*';

const scopeRefSchema = z.object({ departmentId: z.literal(municipalityRef) });

/** A department, or the municipality (undefined), from a card. */
function areaRef(data: unknown): string | undefined {
  return scopeRefSchema.safeParse(data).success ? undefined : departmentRef(data);
}

/**
 * `mit område` / `my area`: what the MED-udvalg, Hovedudvalget and the tillidsrepræsentanter see
 * of their area — its released figures and approved action plans, read-only (no export, no
 * sharing, no editing), each look-up in the audit log.
 */
export function registerArea(app: Application<TurnState>, deps: BotDeps): void {
  const levels = deps.domainData.competenceModel.scale.levels.length;
  const timeZone = deps.domainData.aarshjul.timezone;

  const showArea = forMember(deps, async (context, member) => {
    const locale = member.locale;
    if (!member.roles.some((role) => role === 'med' || role === 'hovedudvalg' || role === 'tr')) {
      await context.sendActivity(say(locale, 'areaNone'));
      return;
    }
    const municipalityName = say(locale, 'municipalityName');
    const view = await areaOverview(deps.repos, deps.domainData, member, currentCycle(new Date()), municipalityName);
    const card = renderCard('area', {
      title: `${say(locale, 'areaTitle')} (${view.cycle})`,
      areas: view.areas.map((area) => ({
        heading: areaHeading(area.role, area.name)[locale],
        line: area.overview
          ? overviewLine(area.overview.answered, area.overview.largest
            ? { name: area.overview.largest.competence.name[locale], gap: area.overview.largest.gap.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 }) }
            : undefined)[locale]
          : '',
        departmentId: area.departmentId ?? municipalityRef,
      })),
      plans: view.approvedPlans.map((p) => areaPlanLine(p.name, p.version, formatterFor(locale).date(p.approvedAt))[locale]),
      departments: [
        ...(view.areas.some((a) => a.role === 'hovedudvalg') ? [{ title: municipalityName, value: municipalityRef }] : []),
        ...view.departments.map((d) => ({ title: d.name, value: d.id })),
      ],
    }, locale);
    await replyWithCard(context, card);
  });
  app.message(commandTrigger('area'), showArea);
  app.adaptiveCards.actionSubmit(verbs.areaShow, showArea);

  app.adaptiveCards.actionSubmit(verbs.areaFigures, forMember(deps, async (context, member, data) => {
    const summary = await areaFigures(deps.repos, deps.domainData, member, areaRef(data), currentCycle(new Date()), deps.config.anonymityThreshold);
    // The same figures a leader sees, read-only: no export, no sharing, no votes.
    await replyWithCard(context, renderCard('gap-summary', gapCardData(summary, levels, say(member.locale, 'municipalityName'), member.locale, timeZone), member.locale));
  }));

  app.adaptiveCards.actionSubmit(verbs.areaActionPlan, forMember(deps, async (context, member, data) => {
    const locale = member.locale;
    const plan = await areaActionPlan(deps.repos, deps.domainData, member, departmentRef(data), currentCycle(new Date()));
    const heading = areaPlanTitle(plan.departmentName, plan.cycle, plan.version, formatterFor(locale).date(plan.approvedAt));
    await replyWithCard(context, postedPlanCard(heading.title[locale], heading.subtitle[locale], plan.items, plan.competences, deps.domainData, locale));
  }));
}
