import { type Application, TurnState } from '@microsoft/teams-ai';
import type { MilestoneKind } from '../../domain/catalogue';
import { commandTrigger } from '../../domain/commands';
import { formatterFor } from '../../domain/format';
import { daysFromToday, say, type TextKey, yearTitle } from '../../domain/texts';
import { nudgePolicyOf } from '../../jobs';
import { yourYear } from '../../services/year';
import { renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';
import { verbs } from '../verbs';

/** What an overdue milestone's button does. */
const actions: Partial<Record<MilestoneKind, { title: TextKey; verb: string }>> = {
  'profile-review': { title: 'profileOpen', verb: verbs.profileOpen },
  'mus-season-opens': { title: 'roundOpen', verb: verbs.roundForm },
};

/** `mit år` / `my year`: a leader's årshjul — what is overdue (with its action) and what is next. */
export function registerYear(app: Application<TurnState>, deps: BotDeps): void {
  app.message(commandTrigger('year'), forMember(deps, async (context, member) => {
    if (member.person.leaderOf.length === 0) {
      await context.sendActivity(say(member.locale, 'deptNotLeader'));
      return;
    }
    const locale = member.locale;
    const year = await yourYear(deps.repos, deps.domainData, member, new Date(), nudgePolicyOf(deps.config, deps.domainData).window);
    const entry = (e: (typeof year.next)[number]) => ({
      name: e.milestone.name[locale], date: formatterFor(locale).date(e.date), when: daysFromToday(e.days)[locale], message: e.milestone.message[locale],
    });
    const card = renderCard('your-year', {
      title: yearTitle(year.departmentName)[locale], departmentId: year.departmentId,
      overdue: year.overdue.map((e) => {
        const action = actions[e.milestone.kind];
        return { ...entry(e), buttonTitle: action ? say(locale, action.title) : '', verb: action?.verb ?? '' };
      }),
      next: year.next.map(entry),
    }, locale);
    await replyWithCard(context, card);
  }));
}
