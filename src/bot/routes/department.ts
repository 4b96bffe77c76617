import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError } from '../../domain/errors';
import { parseRoundForm } from '../../domain/musRound';
import { leaderRatingTitle, profileTitle, roundStartedTitle, roundStartTitle, say } from '../../domain/texts';
import {
  competenceProfileFor, departmentStatuses, leaderRatingFor, saveCompetenceProfile, saveLeaderRating, sharedPreparationOf, startMusRound,
} from '../../services/department';
import { type Competence, groupsWithCompetences } from '../../domain/catalogue';
import { desiredInputId, leaderRatingInputId, parseLeaderRatingForm, parseProfileForm } from '../../domain/profile';
import type { Locale } from '../../domain/i18n';
import type { Member } from '../../services/identity';
import { ratingLabel } from '../../domain/preparation';
import { conversationAudience, currentCycle, preparationContext } from '../../services/preparation';
import type { Person } from '../../domain/org';
import { renderCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import { scaleChoices, sharedCards } from '../preparationCards';
import { inviteToPrepare, type ProactiveSender } from '../proactive';
import { verbs } from '../verbs';

const ownerRefSchema = z.object({ ownerId: z.string().min(1).max(100) });

function ownerRef(data: unknown): string {
  const parsed = ownerRefSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler hvem det gælder.', en: 'The card does not say whom it is about.' }]);
  return parsed.data.ownerId;
}
const departmentRefSchema = z.object({ departmentId: z.string().min(1).max(64) });

function departmentRef(data: unknown): string {
  const parsed = departmentRefSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler afdelingen.', en: 'The card does not say which department.' }]);
  return parsed.data.departmentId;
}

/** What a level form sent, by competence id, to refill the card when something was refused. */
function typedLevels(input: Record<string, unknown>, competences: readonly Competence[], inputIdOf: (id: string) => string): Record<string, string> {
  return Object.fromEntries(
    competences.flatMap((c) => {
      const value = input[inputIdOf(c.id)];
      return typeof value === 'string' && value !== '' ? [[c.id, value]] : [];
    }),
  );
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** `min afdeling` / `my department`: the MUS status of the departments a leader leads. */
export function registerDepartment(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender): void {
  const send = async (context: TurnContext, card: ReturnType<typeof renderCard>) =>
    context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });

  const profileCard = async (departmentId: string, desired: Record<string, string | number>, locale: Locale, notices: string[], saved: boolean) => {
    const department = await deps.repos.org.getDepartment(departmentId);
    const model = deps.domainData.competenceModel;
    return renderCard('profile-edit', {
      title: profileTitle(department?.name ?? departmentId)[locale],
      notices, noticeStyle: saved ? 'good' : 'warning', departmentId,
      scale: scaleChoices(model.scale, locale),
      groups: groupsWithCompetences(model, 'employee').map((g) => ({
        name: g.name[locale],
        competences: g.competences.map((c) => ({ inputId: desiredInputId(c.id), name: c.name[locale], value: desired[c.id] === undefined ? '' : String(desired[c.id]) })),
      })),
    }, locale);
  };

  app.adaptiveCards.actionSubmit(verbs.profileOpen, forMember(deps, async (context, member, data) => {
    const departmentId = departmentRef(data);
    const desired = await competenceProfileFor(deps.repos, member, departmentId, currentCycle(new Date()));
    await send(context, await profileCard(departmentId, desired, member.locale, [], false));
  }));

  app.adaptiveCards.actionExecute(verbs.profileSave, cardForMember(deps, async (context, member, data) => {
    const departmentId = departmentRef(data);
    const input = (data ?? {}) as Record<string, unknown>;
    const competences = groupsWithCompetences(deps.domainData.competenceModel, 'employee').flatMap((g) => g.competences);
    const form = parseProfileForm(input, competences, deps.domainData.competenceModel.scale);
    if (!form.ok) {
      const typed = typedLevels(input, competences, desiredInputId);
      return profileCard(departmentId, typed, member.locale, form.problems.map((p) => p[member.locale]), false);
    }
    await saveCompetenceProfile(deps.repos, member, departmentId, currentCycle(new Date()), form.desired);
    return profileCard(departmentId, form.desired, member.locale, [say(member.locale, 'profileSaved')], true);
  }));

  const leaderRatingCard = async (member: Member, ownerId: string, typed: Record<string, string | number> | undefined, notices: string[], saved: boolean) => {
    const locale = member.locale;
    const model = deps.domainData.competenceModel;
    const view = await leaderRatingFor(deps.repos, member, ownerId, currentCycle(new Date()));
    const values = typed ?? view.mine;
    return renderCard('leader-rating', {
      title: leaderRatingTitle(view.owner.name)[locale], notices, noticeStyle: saved ? 'good' : 'warning', ownerId,
      scale: scaleChoices(model.scale, locale),
      groups: groupsWithCompetences(model, conversationAudience(view.owner)).map((g) => ({
        name: g.name[locale],
        competences: g.competences.map((c) => {
          const self = view.self[c.id];
          return {
            inputId: leaderRatingInputId(c.id),
            name: c.name[locale],
            selfRating: !view.selfShared ? say(locale, 'leaderRatingNotShared') : self === undefined ? say(locale, 'prepNoAnswer') : ratingLabel(self, model.scale, locale),
            value: values[c.id] === undefined ? '' : String(values[c.id]),
          };
        }),
      })),
    }, locale);
  };

  app.adaptiveCards.actionSubmit(verbs.leaderRatingOpen, forMember(deps, async (context, member, data) => {
    const ownerId = ownerRef(data);
    await send(context, await leaderRatingCard(member, ownerId, undefined, [], false));
  }));

  app.adaptiveCards.actionExecute(verbs.leaderRatingSave, cardForMember(deps, async (_context, member, data) => {
    const ownerId = ownerRef(data);
    const input = (data ?? {}) as Record<string, unknown>;
    // A leader's own leader rates their leader competences (LUS).
    const owner = await deps.repos.org.getPerson(ownerId);
    const audience = owner ? conversationAudience(owner) : 'employee';
    const competences = groupsWithCompetences(deps.domainData.competenceModel, audience).flatMap((g) => g.competences);
    const form = parseLeaderRatingForm(input, competences, deps.domainData.competenceModel.scale);
    if (!form.ok) {
      const typed = typedLevels(input, competences, leaderRatingInputId);
      return leaderRatingCard(member, ownerId, typed, form.problems.map((p) => p[member.locale]), false);
    }
    await saveLeaderRating(deps.repos, member, ownerId, currentCycle(new Date()), form.desired);
    return leaderRatingCard(member, ownerId, undefined, [say(member.locale, 'leaderRatingSaved')], true);
  }));

  // "Start MUS-runde" on the department card: the form, as a new message.
  app.adaptiveCards.actionSubmit(verbs.roundForm, forMember(deps, async (context, member, data) => {
    const departmentId = departmentRef(data);
    const department = await deps.repos.org.getDepartment(departmentId);
    const card = renderCard('round-start', {
      title: roundStartTitle(department?.name ?? departmentId)[member.locale],
      notices: [], departmentId, deadline: addDays(new Date(), 28), includeSub: 'false',
    }, member.locale);
    await send(context, card);
  }));

  app.adaptiveCards.actionExecute(verbs.roundStart, cardForMember(deps, async (context, member, data) => {
    const departmentId = departmentRef(data);
    const now = new Date();
    const form = parseRoundForm(data, now.toISOString().slice(0, 10));
    if (!form.ok) {
      const department = await deps.repos.org.getDepartment(departmentId);
      const input = data as { deadline?: unknown; includeSub?: unknown };
      return renderCard('round-start', {
        title: roundStartTitle(department?.name ?? departmentId)[member.locale],
        notices: form.problems.map((p) => p[member.locale]), departmentId,
        deadline: typeof input.deadline === 'string' ? input.deadline : '', includeSub: input.includeSub === 'true' ? 'true' : 'false',
      }, member.locale);
    }
    const outcome = await startMusRound(deps.repos, member, departmentId, form, currentCycle(now), (id) => inviteToPrepare(sender, id));
    return renderCard('round-result', {
      title: roundStartedTitle(outcome.departmentName)[member.locale],
      deadline: outcome.deadline,
      invitedCount: String(outcome.invited.length),
      alreadyInvited: String(outcome.alreadyInvited),
      unreachable: outcome.unreachable.join(', '),
    }, member.locale);
  }));

  app.adaptiveCards.actionSubmit(verbs.deptOpenShared, forMember(deps, async (context, member, data) => {
    const ownerId = ownerRef(data);
    const now = new Date();
    const { owner, prep, sections } = await sharedPreparationOf(deps.repos, member, ownerId, currentCycle(now));
    const ctx = await preparationContext(deps.repos, deps.domainData, owner, now, deps.logger);
    await send(context, sharedCards(prep, ctx, sections, owner.name, member.locale, member.locale, '', owner.id).leader);
  }));

  app.message(commandTrigger('department'), forMember(deps, async (context, member) => {
    if (member.person.leaderOf.length === 0) {
      await context.sendActivity(say(member.locale, 'deptNotLeader'));
      return;
    }
    const now = new Date();
    // Step counts differ by department (question sets) and by MUS / LUS: one context per pair.
    const contexts = new Map<string, ReturnType<typeof preparationContext>>();
    const stepCountOf = async (person: Person) => {
      const key = `${person.departmentId}|${conversationAudience(person)}`;
      if (!contexts.has(key)) contexts.set(key, preparationContext(deps.repos, deps.domainData, person, now, deps.logger));
      return (await contexts.get(key)!).steps.length;
    };
    const statuses = await departmentStatuses(deps.repos, member, currentCycle(now), stepCountOf);
    const card = renderCard('department', {
      departments: statuses.map((d) => ({
        id: d.departmentId,
        deadline: d.deadline ?? '',
        name: d.name,
        people: String(d.people.length),
        invited: String(d.people.filter((p) => p.invited).length),
        prepared: String(d.people.filter((p) => p.status === 'prepared' || p.status === 'shared').length),
        shared: String(d.people.filter((p) => p.status === 'shared').length),
        plansApproved: String(d.people.filter((p) => p.planApproved).length),
        notPrepared: d.people.filter((p) => p.status === 'not-started' || p.status === 'in-progress').map((p) => p.name).join(', '),
        sharedBy: d.people.filter((p) => p.status === 'shared').map((p) => ({ id: p.id, name: p.name })),
      })),
      planPeople: [...new Map(statuses.flatMap((d) => d.people).map((p) => [p.id, { title: p.name, value: p.id }])).values()],
    }, member.locale);
    await send(context, card);
  }));
}
