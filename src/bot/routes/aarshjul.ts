import { type Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { aarshjulInputs } from '../../domain/aarshjulEdits';
import { cycleYearOf } from '../../domain/aarshjul';
import { maxLeadTimeDays, type MilestoneAudience } from '../../domain/catalogue';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError } from '../../domain/errors';
import type { Locale, LocalizedText } from '../../domain/i18n';
import { formatterFor } from '../../domain/format';
import { dateString } from '../../domain/quietHours';
import { aarshjulRecurs, aarshjulTitle, say } from '../../domain/texts';
import { type AarshjulRow, aarshjulForEditing, saveAarshjul } from '../../services/aarshjul';
import type { Member } from '../../services/identity';
import { type AdaptiveCardJson, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import { verbs } from '../verbs';

const audienceNames: Record<MilestoneAudience, LocalizedText> = {
  leaders: { da: 'ledere', en: 'leaders' },
  employees: { da: 'medarbejdere', en: 'employees' },
  hr: { da: 'HR', en: 'HR' },
  'med-members': { da: 'MED-udvalg og tillidsrepræsentanter', en: 'MED committees and union representatives' },
  hovedudvalg: { da: 'Hovedudvalget', en: 'the Main Joint Committee (Hovedudvalget)' },
};

const municipality = 'municipality';
const scopeSchema = z.object({ scope: z.string().max(64).optional(), departmentId: z.string().max(64).optional() });

/** `årshjul` / `annual cycle`: HR moves milestones, changes their notice or switches them off. */
export function registerAarshjul(app: Application<TurnState>, deps: BotDeps): void {
  /** The department a card is about (undefined: the whole municipality); it must exist. */
  const scopeOf = async (data: unknown, field: 'scope' | 'departmentId'): Promise<string | undefined> => {
    const parsed = scopeSchema.safeParse(data ?? {});
    // A scope the card cannot have sent is refused, never taken for the whole municipality.
    if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet sendte en afdeling, jeg ikke kan læse.', en: 'The card sent a department I cannot read.' }]);
    const value = parsed.data[field];
    if (!value || value === municipality) return undefined;
    if (!(await deps.repos.org.getDepartment(value))) throw new InvalidInputError([{ da: 'Afdelingen findes ikke.', en: 'The department does not exist.' }]);
    return value;
  };

  const card = async (member: Member, departmentId: string | undefined, notices: string[], saved: boolean, typed?: Record<string, unknown>): Promise<AdaptiveCardJson> => {
    const locale = member.locale;
    const rows = await aarshjulForEditing(deps.repos, deps.domainData, member, departmentId);
    const departments = (await deps.repos.org.listDepartments()).sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const year = cycleYearOf(deps.domainData.aarshjul, new Date());
    const field = (id: string, fallback: string) => (typeof typed?.[id] === 'string' ? (typed[id] as string) : fallback);
    return renderCard('aarshjul-edit', {
      title: aarshjulTitle(departmentId ? departments.find((d) => d.id === departmentId)?.name ?? departmentId : say(locale, 'aarshjulMunicipality'))[locale],
      notices, noticeStyle: saved ? 'good' : 'warning', departmentId: departmentId ?? '', maxLead: maxLeadTimeDays,
      scope: departmentId ?? municipality,
      scopes: [{ title: say(locale, 'aarshjulMunicipality'), value: municipality }, ...departments.map((d) => ({ title: d.name, value: d.id }))],
      rows: rows.map((row: AarshjulRow) => {
        const id = row.milestone.id;
        const lead = Number(field(aarshjulInputs.lead(id), String(row.leadTimeDays)));
        return {
          name: row.milestone.name[locale],
          details: details(row, locale),
          recurs: recurrence(row, year, locale),
          dateInputId: aarshjulInputs.date(id), date: field(aarshjulInputs.date(id), dateString(year, row.date.month, row.date.day)),
          leadInputId: aarshjulInputs.lead(id), lead: Number.isFinite(lead) ? lead : row.leadTimeDays,
          activeInputId: aarshjulInputs.active(id), active: field(aarshjulInputs.active(id), String(row.active)) === 'false' ? 'false' : 'true',
        };
      }),
    }, locale);
  };

  app.message(commandTrigger('aarshjul'), forMember(deps, async (context, member) => {
    if (!member.roles.includes('hr')) {
      await context.sendActivity(say(member.locale, 'aarshjulNotHr'));
      return;
    }
    await replyWithCard(context, await card(member, undefined, [], false));
  }));

  app.adaptiveCards.actionExecute(verbs.aarshjulShow, cardForMember(deps, async (_context, member, data) => card(member, await scopeOf(data, 'scope'), [], false)));

  app.adaptiveCards.actionExecute(verbs.aarshjulSave, cardForMember(deps, async (_context, member, data) => {
    const departmentId = await scopeOf(data, 'departmentId');
    const input = (data ?? {}) as Record<string, unknown>;
    const saved = await saveAarshjul(deps.repos, deps.domainData, member, departmentId, input, new Date());
    if (!saved.ok) return card(member, departmentId, saved.problems.map((p) => p[member.locale]), false, input);
    return card(member, departmentId, [say(member.locale, 'aarshjulSaved')], true);
  }));

  app.adaptiveCards.actionExecute(verbs.aarshjulReset, cardForMember(deps, async (_context, member, data) => {
    const departmentId = await scopeOf(data, 'departmentId');
    await saveAarshjul(deps.repos, deps.domainData, member, departmentId, 'reset', new Date());
    return card(member, departmentId, [say(member.locale, 'aarshjulResetDone')], true);
  }));
}

function details(row: AarshjulRow, locale: Locale): string {
  const to = row.milestone.audience.map((a) => audienceNames[a][locale]).join(', ');
  return `${locale === 'da' ? 'Til' : 'For'}: ${to}`;
}

/** A recurring milestone shows its recurrence instead of a date field ('' for a fixed date). */
function recurrence(row: AarshjulRow, year: number, locale: Locale): string {
  const every = row.milestone.recurrence?.everyMonths;
  return every ? aarshjulRecurs(every, formatterFor(locale).date(dateString(year, row.date.month, row.date.day)))[locale] : '';
}
