import { type Application, TurnState } from '@microsoft/teams-ai';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { scheduleProfileRelease } from '../../jobs/releases';
import { groupsWithCompetences } from '../../domain/catalogue';
import { InvalidInputError } from '../../domain/errors';
import { ratingLabel } from '../../domain/preparation';
import {
  type CompetenceProfile, desiredInputId, newCompetenceInputs, parseNewCompetence, parseProfileForm, withDepartmentCompetences,
} from '../../domain/profile';
import { desiredLevelText, profileTitle, say } from '../../domain/texts';
import { competenceProfileFor, jobGroupsOf, removeDepartmentCompetence, saveCompetenceProfile } from '../../services/department';
import type { Member } from '../../services/identity';
import { currentCycle } from '../../services/preparation';
import { departmentRef, typedLevels } from '../cardInput';
import { type AdaptiveCardJson, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import { scaleChoices } from '../preparationCards';
import { verbs } from '../verbs';

const profileRefSchema = z.object({ jobGroup: z.string().max(100).optional(), competenceId: z.string().max(100).optional() });

/**
 * The department's competence profile: desired levels for the whole department and per job
 * group, and the department's own professional competences. Kept per cycle.
 */
export function registerProfile(app: Application<TurnState>, deps: BotDeps): void {
  const model = deps.domainData.competenceModel;

  /** The job group a card names, if the department has it ('' is the whole department). */
  const jobGroupOf = async (departmentId: string, data: unknown): Promise<{ jobGroup: string; jobGroups: string[] }> => {
    const ref = profileRefSchema.safeParse(data ?? {});
    const jobGroups = await jobGroupsOf(deps.repos, departmentId);
    const jobGroup = ref.success ? ref.data.jobGroup ?? '' : '';
    if (jobGroup && !jobGroups.includes(jobGroup)) throw new InvalidInputError([{ da: `Afdelingen har ingen faggruppe "${jobGroup}".`, en: `The department has no job group "${jobGroup}".` }]);
    return { jobGroup, jobGroups };
  };

  const groupsOf = (profile: CompetenceProfile) => withDepartmentCompetences(groupsWithCompetences(model, 'employee'), profile.competences);

  const profileCard = async (
    member: Member, departmentId: string, jobGroup: string, jobGroups: string[], profile: CompetenceProfile,
    shown: Record<string, string | number>, notices: string[], saved: boolean, typed: Record<string, unknown> = {},
  ): Promise<AdaptiveCardJson> => {
    const locale = member.locale;
    const department = await deps.repos.org.getDepartment(departmentId);
    const field = (id: string) => (typeof typed[id] === 'string' ? (typed[id] as string) : '');
    return renderCard('profile-edit', {
      title: profileTitle(department?.name ?? departmentId)[locale],
      subtitle: jobGroup || (jobGroups.length > 1 ? say(locale, 'profileWholeDepartment') : ''),
      notices, noticeStyle: saved ? 'good' : 'warning', departmentId, jobGroup,
      jobGroups: jobGroups.length > 1 ? [{ title: say(locale, 'profileWholeDepartment'), jobGroup: '' }, ...jobGroups.map((g) => ({ title: g, jobGroup: g }))].filter((g) => g.jobGroup !== jobGroup) : [],
      scale: scaleChoices(model.scale, locale),
      groups: groupsOf(profile).map((g) => ({
        name: g.name[locale],
        competences: g.competences.map((c) => {
          const departmentLevel = profile.desired[c.id];
          return {
            inputId: desiredInputId(c.id), name: c.name[locale], value: shown[c.id] === undefined ? '' : String(shown[c.id]),
            // A job group's level left empty follows the department's.
            placeholder: jobGroup && departmentLevel !== undefined ? desiredLevelText(ratingLabel(departmentLevel, model.scale, locale))[locale] : say(locale, 'profileNotSet'),
          };
        }),
      })),
      showOwn: jobGroup === '',
      own: profile.competences.map((c) => ({ id: c.id, name: c.name, short: c.short })),
      groupChoices: model.groups.map((g) => ({ title: g.name[locale], value: g.id })),
      newCompetence: { name: field(newCompetenceInputs.name), short: field(newCompetenceInputs.short), group: field(newCompetenceInputs.group) },
    }, locale);
  };

  const currentCard = async (member: Member, departmentId: string, data: unknown, notices: string[] = [], saved = false) => {
    const { jobGroup, jobGroups } = await jobGroupOf(departmentId, data);
    const profile = await competenceProfileFor(deps.repos, member, departmentId, currentCycle(new Date()));
    const shown = jobGroup ? profile.jobGroups[jobGroup] ?? {} : profile.desired;
    return profileCard(member, departmentId, jobGroup, jobGroups, profile, shown, notices, saved);
  };

  app.adaptiveCards.actionSubmit(verbs.profileOpen, forMember(deps, async (context, member, data) => {
    const card = await currentCard(member, departmentRef(data), data);
    await replyWithCard(context, card);
  }));

  app.adaptiveCards.actionExecute(verbs.profileShow, cardForMember(deps, async (_context, member, data) => currentCard(member, departmentRef(data), data)));

  app.adaptiveCards.actionExecute(verbs.profileSave, cardForMember(deps, async (_context, member, data) => {
    const departmentId = departmentRef(data);
    const input = (data ?? {}) as Record<string, unknown>;
    const cycle = currentCycle(new Date());
    const { jobGroup, jobGroups } = await jobGroupOf(departmentId, data);
    const profile = await competenceProfileFor(deps.repos, member, departmentId, cycle);
    const competences = groupsOf(profile).flatMap((g) => g.competences);
    const form = parseProfileForm(input, competences, model.scale);
    const added: ReturnType<typeof parseNewCompetence> = jobGroup ? { ok: true } : parseNewCompetence(input, model.groups.map((g) => g.id), profile.competences, `faglig-${randomUUID().slice(0, 8)}`);
    if (!form.ok || !added.ok) {
      const problems = [...(form.ok ? [] : form.problems), ...(added.ok ? [] : added.problems)].map((p) => p[member.locale]);
      return profileCard(member, departmentId, jobGroup, jobGroups, profile, typedLevels(input, competences, desiredInputId), problems, false, input);
    }
    const savedProfile = await saveCompetenceProfile(deps.repos, member, departmentId, cycle, { ...(jobGroup ? { jobGroup } : {}), desired: form.desired, ...(added.competence ? { add: added.competence } : {}) });
    await scheduleProfileRelease(deps.repos, new Date());
    return profileCard(member, departmentId, jobGroup, jobGroups, savedProfile, form.desired, [say(member.locale, 'profileSaved')], true);
  }));

  app.adaptiveCards.actionExecute(verbs.profileRemoveCompetence, cardForMember(deps, async (_context, member, data) => {
    const departmentId = departmentRef(data);
    const ref = profileRefSchema.safeParse(data ?? {});
    const competenceId = ref.success ? ref.data.competenceId : undefined;
    if (!competenceId) throw new InvalidInputError([{ da: 'Kortet mangler kompetencen.', en: 'The card does not say which competence.' }]);
    await removeDepartmentCompetence(deps.repos, member, departmentId, currentCycle(new Date()), competenceId);
    await scheduleProfileRelease(deps.repos, new Date());
    return currentCard(member, departmentId, {}, [say(member.locale, 'profileSaved')], true);
  }));
}
