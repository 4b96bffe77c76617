import { type Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError } from '../../domain/errors';
import { say } from '../../domain/texts';
import type { Member } from '../../services/identity';
import {
  actOnPreparation, type CardSubmission, type PreparationAction, preparationContext, resumePreparation, sharePreparation,
} from '../../services/preparation';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import { preparationCard, sharedPreparationCard, sharedWithLeaderCard } from '../preparationCards';
import { batchIdOf } from '../../messaging/outbox';
import type { ProactiveSender } from '../proactive';
import { verbs } from '../verbs';
import { replyWithCard } from '../cards';

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
  const contextFor = (member: Member) =>
    preparationContext(deps.repos, deps.domainData, member.person, new Date(), deps.logger);

  const open = forMember(deps, async (context, member) => {
    const ctx = await contextFor(member);
    const view = await resumePreparation(deps.repos, ctx, member);
    await replyWithCard(context, preparationCard(view, ctx, member.locale));
  });
  app.message(commandTrigger('prepare'), open);
  app.adaptiveCards.actionSubmit(verbs.prepStart, open);

  const execute = (action: PreparationAction) =>
    cardForMember(deps, async (_context, member, data) => {
      const ctx = await contextFor(member);
      const view = await actOnPreparation(deps.repos, ctx, member, action, parseSubmission(data));
      return preparationCard(view, ctx, member.locale);
    });
  app.adaptiveCards.actionExecute(verbs.prepNext, execute('next'));
  app.adaptiveCards.actionExecute(verbs.prepBack, execute('back'));
  app.adaptiveCards.actionExecute(verbs.prepSave, execute('save'));
  app.adaptiveCards.actionExecute(verbs.prepGoto, execute('goto'));
  app.adaptiveCards.actionExecute(verbs.prepResume, execute('resume'));

  app.adaptiveCards.actionExecute(verbs.prepShare, cardForMember(deps, async (_context, member, data) => {
    const ctx = await contextFor(member);
    const outcome = await sharePreparation(deps.repos, ctx, member, parseSubmission(data));
    if ('kind' in outcome) return preparationCard(outcome, ctx, member.locale);
    let queued = 0;
    const batch = { batchId: batchIdOf('shared-preparation', member.person.id, outcome.prep.header.cycle), label: `MUS preparation shared by ${member.person.name}`, requestedBy: member.person.id };
    for (const leader of outcome.leaders) {
      if (outcome.sections.length === 0) break;
      const card = sharedPreparationCard(outcome.prep, ctx, outcome.sections, member.person.name, member.person.id, await sender.localeOf(leader.id));
      if ((await sender.sendCard(leader.id, card, batch)) === 'queued') queued++;
    }
    const note =
      outcome.sections.length === 0 || queued > 0
        ? ''
        : say(member.locale, outcome.leaders.length === 0 ? 'prepNoLeader' : 'prepLeaderUnreachable');
    return sharedWithLeaderCard(outcome.prep, ctx, member.locale, note);
  }));
}
