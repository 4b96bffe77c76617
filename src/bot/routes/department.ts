import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError } from '../../domain/errors';
import { say } from '../../domain/texts';
import { departmentStatuses, sharedPreparationOf } from '../../services/department';
import { requireMember } from '../../services/identity';
import { currentCycle, preparationContext } from '../../services/preparation';
import { renderCard } from '../cards';
import type { BotDeps } from '../deps';
import { replyWithError } from '../errors';
import { sharedCards } from '../preparationCards';
import { teamsLocaleOf, userIdOf } from '../turn';
import { verbs } from '../verbs';

const openSharedSchema = z.object({ ownerId: z.string().min(1).max(100) });

/** `min afdeling` / `my department`: the MUS status of the departments a leader leads. */
export function registerDepartment(app: Application<TurnState>, deps: BotDeps): void {
  const send = async (context: TurnContext, card: ReturnType<typeof renderCard>) =>
    context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });

  app.adaptiveCards.actionSubmit(verbs.deptOpenShared, async (context, _state, data: unknown) => {
    try {
      const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
      const parsed = openSharedSchema.safeParse(data);
      if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler hvem det gælder.', en: 'The card does not say whom it is about.' }]);
      const now = new Date();
      const { owner, prep, sections } = await sharedPreparationOf(deps.repos, member, parsed.data.ownerId, currentCycle(now));
      const ctx = await preparationContext(deps.repos, deps.domainData, owner.departmentId, now, deps.logger);
      await send(context, sharedCards(prep, ctx, sections, owner.name, member.locale, member.locale).leader);
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  });

  app.message(commandTrigger('department'), async (context) => {
    try {
      const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
      if (member.person.leaderOf.length === 0) {
        await context.sendActivity(say(member.locale, 'deptNotLeader'));
        return;
      }
      const now = new Date();
      const ctx = await preparationContext(deps.repos, deps.domainData, member.person.departmentId, now, deps.logger);
      const statuses = await departmentStatuses(deps.repos, member, currentCycle(now), ctx.steps.length);
      const card = renderCard('department', {
        departments: statuses.map((d) => ({
          name: d.name,
          people: String(d.people.length),
          prepared: String(d.people.filter((p) => p.status === 'prepared' || p.status === 'shared').length),
          shared: String(d.people.filter((p) => p.status === 'shared').length),
          notPrepared: d.people.filter((p) => p.status === 'not-started' || p.status === 'in-progress').map((p) => p.name).join(', '),
          sharedBy: d.people.filter((p) => p.status === 'shared').map((p) => ({ id: p.id, name: p.name })),
        })),
      }, member.locale);
      await send(context, card);
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  });
}
