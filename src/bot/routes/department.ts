import { type Application, TurnState } from '@microsoft/teams-ai';
import { commandTrigger } from '../../domain/commands';
import { NotAllowedError, NotFoundError } from '../../domain/errors';
import { parseRoundForm } from '../../domain/musRound';
import { formatterFor } from '../../domain/format';
import { deliveryLine, leaderRatingTitle, nudgeButton, nudgeScheduled, roundStartedTitle, roundStartTitle, say } from '../../domain/texts';
import { installingLine, unreachableList } from '../../domain/reachTexts';
import { unreachableReasons, type UnreachableReason } from '../../domain/reach';
import type { Repositories } from '../../storage';
import type { BatchStatus } from '../../messaging/outbox';
import { assertAllowed } from '../../domain/authorization';
import { type DepartmentStatus, departmentStatuses, subjectOf, leaderRatingFor, saveLeaderRating, sharedPreparationOf, startMusRound } from '../../services/department';
import { leaderRatingInputId, parseLeaderRatingForm } from '../../domain/profile';
import type { Member } from '../../services/identity';
import { ratingLabel } from '../../domain/preparation';
import { conversationAudience, currentCycle, preparationContext, ratedCompetences, ratedGroups } from '../../services/preparation';
import type { Person } from '../../domain/org';
import { renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import { scaleChoices, sharedPreparationCard } from '../preparationCards';
import { batchIdOf } from '../../messaging/outbox';
import { inviteAllToPrepare, type ProactiveSender } from '../proactive';
import { nudgePolicyOf } from '../../jobs';
import { scheduleAskedNudges, scheduleRoundNudges } from '../../jobs/musNudges';
import { scheduleDeadlineRelease } from '../../jobs/releases';
import { verbs } from '../verbs';
import { departmentRef, ownerRef, typedLevels } from '../cardInput';

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Those invited in the round who have not finished preparing. */
const toNudge = (d: DepartmentStatus) => d.people.filter((p) => p.invited && (p.status === 'not-started' || p.status === 'in-progress'));

/** Whom a round's invitations could not reach, each with why (from the batch's dead letters). */
async function undeliveredOf(repos: Repositories, status: BatchStatus | undefined, people: DepartmentStatus['people']): Promise<Array<{ name: string; reason: UnreachableReason }>> {
  if (!status?.failed) return [];
  const names = new Map(people.map((p) => [p.id.toLowerCase(), p.name]));
  return (await repos.outbox.deadLetters(status.batchId)).flatMap(({ letter }) => {
    const name = names.get(letter.recipient.toLowerCase());
    if (!name) return [];
    const reason = letter.reason === 'unreachable' ? letter.detail : letter.reason;
    return [{ name, reason: (unreachableReasons as readonly string[]).includes(reason) ? (reason as UnreachableReason) : 'install-failed' }];
  });
}

/** `min afdeling` / `my department`: the MUS status of the departments a leader leads. */
export function registerDepartment(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender): void {
  /** Step counts differ by department (question sets) and by MUS / LUS: one context per pair. */
  const stepCounter = (now: Date) => {
    const contexts = new Map<string, ReturnType<typeof preparationContext>>();
    return async (person: Person) => {
      const key = `${person.departmentId}|${conversationAudience(person)}`;
      if (!contexts.has(key)) contexts.set(key, preparationContext(deps.repos, deps.domainData, person, now, deps.logger));
      return (await contexts.get(key)!).steps.length;
    };
  };

  const leaderRatingCard = async (member: Member, ownerId: string, typed: Record<string, string | number> | undefined, notices: string[], saved: boolean) => {
    const locale = member.locale;
    const model = deps.domainData.competenceModel;
    const view = await leaderRatingFor(deps.repos, member, ownerId, currentCycle(new Date()));
    const ctx = await preparationContext(deps.repos, deps.domainData, view.owner, new Date(), deps.logger);
    const values = typed ?? view.mine;
    return renderCard('leader-rating', {
      title: leaderRatingTitle(view.owner.name)[locale], notices, noticeStyle: saved ? 'good' : 'warning', ownerId,
      scale: scaleChoices(model.scale, locale),
      groups: ratedGroups(ctx).map((g) => ({
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
    await replyWithCard(context, await leaderRatingCard(member, ownerId, undefined, [], false));
  }));

  app.adaptiveCards.actionExecute(verbs.leaderRatingSave, cardForMember(deps, async (_context, member, data) => {
    const ownerId = ownerRef(data);
    const input = (data ?? {}) as Record<string, unknown>;
    // The owner's own competences: a leader's LUS has leader competences, a department may add its own.
    const owner = await deps.repos.org.getPerson(ownerId);
    if (!owner) throw new NotFoundError(`person ${ownerId}`);
    const competences = ratedCompetences(await preparationContext(deps.repos, deps.domainData, owner, new Date(), deps.logger));
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
    // The form names the department and offers to invite its people: only for its leaders.
    assertAllowed(await subjectOf(deps.repos, member), { action: 'start-mus-round', departmentId });
    const department = await deps.repos.org.getDepartment(departmentId);
    const card = renderCard('round-start', {
      title: roundStartTitle(department?.name ?? departmentId)[member.locale],
      notices: [], departmentId, deadline: addDays(new Date(), 28), includeSub: 'false',
    }, member.locale);
    await replyWithCard(context, card);
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
    // One batch per department and cycle (a restarted round adds to it): the leader's delivery figures.
    const department = await deps.repos.org.getDepartment(departmentId);
    const invitationBatch = {
      batchId: batchIdOf('mus-round', departmentId, currentCycle(now)),
      label: `MUS ${currentCycle(now)} ${department?.name ?? departmentId}: invitationer`,
      requestedBy: member.person.id,
    };
    const steps = stepCounter(now);
    const outcome = await startMusRound(
      deps.repos, member, departmentId, form, currentCycle(now),
      async (people) => inviteAllToPrepare(sender, await Promise.all(people.map(async (person) => ({
        userId: person.id, invitation: { leaderName: member.person.name, deadline: form.deadline, steps: await steps(person) },
      }))), invitationBatch),
      async (round) => {
        const policy = nudgePolicyOf(deps.config, deps.domainData);
        await scheduleRoundNudges(deps.repos, policy, round);
        // The deadline publishes the figures (whoever has rated by then counts).
        await scheduleDeadlineRelease(deps.repos, policy.window, round);
      },
    );
    const locale = member.locale;
    return renderCard('round-result', {
      title: roundStartedTitle(outcome.departmentName)[locale],
      deadline: formatterFor(locale).date(outcome.deadline),
      invitedCount: String(outcome.invited.length),
      alreadyInvited: String(outcome.alreadyInvited),
      installing: outcome.installing ? installingLine(outcome.installing)[locale] : '',
      unreachable: unreachableList(outcome.unreachable)[locale],
      unreachableHelp: say(locale, outcome.unreachable.every((u) => u.reason === 'not-installed') ? 'roundUnreachableHelp' : 'roundUnreachableItHelp'),
    }, locale);
  }));

  app.adaptiveCards.actionSubmit(verbs.deptOpenShared, forMember(deps, async (context, member, data) => {
    const ownerId = ownerRef(data);
    const now = new Date();
    const { owner, prep, sections } = await sharedPreparationOf(deps.repos, member, ownerId, currentCycle(now));
    const ctx = await preparationContext(deps.repos, deps.domainData, owner, now, deps.logger);
    await replyWithCard(context, sharedPreparationCard(prep, ctx, sections, owner.name, owner.id, member.locale));
  }));

  // "Send them a nudge": those invited in the round who have not finished, at the next moment the bot may write.
  app.adaptiveCards.actionSubmit(verbs.nudgeNow, forMember(deps, async (context, member, data) => {
    const departmentId = departmentRef(data);
    // Asked before the statuses are read: reading them records audit entries, even for a refusal.
    assertAllowed(await subjectOf(deps.repos, member), { action: 'start-mus-round', departmentId });
    const now = new Date();
    const cycle = currentCycle(now);
    const statuses = await departmentStatuses(deps.repos, member, cycle, stepCounter(now));
    const department = statuses.find((d) => d.departmentId === departmentId);
    if (!department) throw new NotAllowedError('nudge');
    const personIds = toNudge(department).map((p) => p.id);
    const policy = nudgePolicyOf(deps.config, deps.domainData);
    const dueAt = await scheduleAskedNudges(deps.repos, policy, { cycle, departmentId, personIds, now });
    const immediate = dueAt.getTime() <= now.getTime();
    const when = formatterFor(member.locale, policy.window.timeZone).weekdayTime(dueAt);
    await context.sendActivity(nudgeScheduled(personIds.length, immediate, when)[member.locale]);
  }));

  app.message(commandTrigger('department'), forMember(deps, async (context, member) => {
    if (member.person.leaderOf.length === 0) {
      await context.sendActivity(say(member.locale, 'deptNotLeader'));
      return;
    }
    const now = new Date();
    const cycle = currentCycle(now);
    const statuses = await departmentStatuses(deps.repos, member, cycle, stepCounter(now));
    const deliveries = new Map(await Promise.all(statuses.map(async (d) => [d.departmentId, d.deadline ? await deps.repos.outbox.batchStatus(batchIdOf('mus-round', d.departmentId, cycle)) : undefined] as const)));
    const undelivered = new Map(await Promise.all(statuses.map(async (d) => [d.departmentId, await undeliveredOf(deps.repos, deliveries.get(d.departmentId), d.people)] as const)));
    const card = renderCard('department', {
      departments: statuses.map((d) => ({
        id: d.departmentId,
        deadline: d.deadline ? formatterFor(member.locale).date(d.deadline) : '',
        name: d.name,
        people: String(d.people.length),
        invited: String(d.people.filter((p) => p.invited).length),
        prepared: String(d.people.filter((p) => p.status === 'prepared' || p.status === 'shared').length),
        shared: String(d.people.filter((p) => p.status === 'shared').length),
        plansApproved: String(d.people.filter((p) => p.planApproved).length),
        notPrepared: d.people.filter((p) => p.status === 'not-started' || p.status === 'in-progress').map((p) => p.name).join(', '),
        delivery: deliveries.get(d.departmentId) ? deliveryLine(deliveries.get(d.departmentId)!)[member.locale] : '',
        undelivered: unreachableList(undelivered.get(d.departmentId) ?? [])[member.locale],
        nudgeTitle: d.deadline && d.deadline >= now.toISOString().slice(0, 10) && toNudge(d).length ? nudgeButton(toNudge(d).length)[member.locale] : '',
        sharedBy: d.people.filter((p) => p.status === 'shared').map((p) => ({ id: p.id, name: p.name })),
      })),
      planPeople: [...new Map(statuses.flatMap((d) => d.people).map((p) => [p.id, { title: p.name, value: p.id }])).values()],
    }, member.locale);
    await replyWithCard(context, card);
  }));
}
