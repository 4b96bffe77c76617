import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError } from '../../domain/errors';
import { say } from '../../domain/texts';
import { requireMember } from '../../services/identity';
import {
  actOnPreparation, type CardSubmission, type PreparationAction, preparationContext, resumePreparation, sharePreparation,
} from '../../services/preparation';
import type { AdaptiveCardJson } from '../cards';
import type { BotDeps } from '../deps';
import { errorCard, replyWithError } from '../errors';
import { preparationCard, sharedCards } from '../preparationCards';
import type { ProactiveSender } from '../proactive';
import { teamsLocaleOf, userIdOf } from '../turn';
import { verbs } from '../verbs';

/** What any preparation card sends: its own data plus the inputs (merged by Teams). */
const submissionSchema = z
  .object({
    version: z.coerce.number().int().min(0).optional(),
    stepId: z.string().max(200).optional(),
    target: z.string().max(200).optional(),
  })
  .passthrough();

function parseSubmission(data: unknown): CardSubmission {
  const parsed = submissionSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new InvalidInputError([{ da: 'Kortet sendte noget, jeg ikke kan læse.', en: 'The card sent something I cannot read.' }]);
  }
  const { version, stepId, target, ...values } = parsed.data;
  return { ...(version === undefined ? {} : { version }), ...(stepId ? { stepId } : {}), ...(target ? { target } : {}), values };
}

/** MUS preparation: `forbered MUS`, then one card per step, updated in place. */
export function registerPreparation(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender): void {
  const now = () => new Date();
  const setup = async (context: TurnContext) => {
    const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
    return { member, ctx: await preparationContext(deps.repos, deps.domainData, member.person.departmentId, now(), deps.logger) };
  };

  app.message(commandTrigger('prepare'), async (context) => {
    try {
      const { member, ctx } = await setup(context);
      const view = await resumePreparation(deps.repos, ctx, member);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(preparationCard(view, ctx, member.locale))] });
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  });

  const execute = (action: PreparationAction) => async (context: TurnContext, _state: TurnState, data: unknown): Promise<AdaptiveCardJson> => {
    try {
      const { member, ctx } = await setup(context);
      const view = await actOnPreparation(deps.repos, ctx, member, action, parseSubmission(data));
      return preparationCard(view, ctx, member.locale);
    } catch (error) {
      return errorCard(context, error, deps);
    }
  };
  app.adaptiveCards.actionExecute(verbs.prepNext, execute('next'));
  app.adaptiveCards.actionExecute(verbs.prepBack, execute('back'));
  app.adaptiveCards.actionExecute(verbs.prepSave, execute('save'));
  app.adaptiveCards.actionExecute(verbs.prepGoto, execute('goto'));
  app.adaptiveCards.actionExecute(verbs.prepResume, execute('resume'));

  app.adaptiveCards.actionExecute(verbs.prepShare, async (context, _state, data: unknown) => {
    try {
      const { member, ctx } = await setup(context);
      const outcome = await sharePreparation(deps.repos, ctx, member, parseSubmission(data));
      if ('kind' in outcome) return preparationCard(outcome, ctx, member.locale);
      let delivered = 0;
      for (const leader of outcome.leaders) {
        const cards = sharedCards(outcome.prep, ctx, outcome.sections, member.person.name, member.locale, await sender.localeOf(leader.id));
        if (outcome.sections.length > 0 && (await sender.sendCard(leader.id, cards.leader)) === 'sent') delivered++;
      }
      const note =
        outcome.sections.length === 0 || delivered > 0
          ? ''
          : say(member.locale, outcome.leaders.length === 0 ? 'prepNoLeader' : 'prepLeaderUnreachable');
      return sharedCards(outcome.prep, ctx, outcome.sections, member.person.name, member.locale, member.locale, note).employee;
    } catch (error) {
      return errorCard(context, error, deps);
    }
  });
}
