import { z } from 'zod';
import { departmentAudiences, isPast, municipalityAudiences, occurrencesOf, type Occurrence } from '../domain/aarshjul';
import type { DomainData, MilestoneAudience, MilestoneKind } from '../domain/catalogue';
import type { Person } from '../domain/org';
import { whenAllowed } from '../domain/nudges';
import { endOfDate, localDate, nextSendMoment, type SendWindow } from '../domain/quietHours';
import { departmentStatuses } from '../services/department';
import { effectiveAarshjul } from '../services/aarshjul';
import { requireMember } from '../services/identity';
import { preparationContext } from '../services/preparation';
import type { Repositories } from '../storage';
import { runLimited } from '../storage/orgRepository';
import { type JobOutcome, jobKind, notSending } from './kinds';
import type { DepartmentProgress, ReminderMessenger, ReminderRole } from './messages';
import type { Planner } from './scheduler';

/**
 * Årshjul reminders, in two steps so that the schedule stays small and follows the organisation:
 * 1. the planner puts one "milestone" item per milestone date and department (and one for the
 *    municipality-wide audiences: HR, MED-udvalg) in the schedule, due when the reminder is;
 * 2. when that item runs, it looks up who the audience is *then* and schedules one
 *    "milestone-reminder" per person, id (cycle, milestone date, person): each person gets each
 *    milestone's reminder at most once, however many departments they lead or belong to.
 */
export const milestoneKind = 'milestone';
export const milestoneReminderKind = 'milestone-reminder';

/** The planner looks this far ahead (lead times are at most `maxLeadTimeDays`, 90). */
const planAheadDays = 200;

interface Deps {
  repos: Repositories;
  domainData: DomainData;
  window: SendWindow;
}

const fanOutSchema = z.object({
  cycle: z.string(),
  key: z.string(),
  milestoneId: z.string(),
  date: z.string(),
  /** A department, or absent for the municipality-wide audiences. */
  departmentId: z.string().optional(),
});
type FanOut = z.infer<typeof fanOutSchema>;

const reminderSchema = fanOutSchema.extend({ personId: z.string(), role: z.enum(['leader', 'employee', 'hr', 'med-member']) });
type Reminder = z.infer<typeof reminderSchema>;

const fanOutId = (o: Occurrence, departmentId?: string) => `milestone|${o.cycle}|${o.key}|${departmentId ? `department|${departmentId}` : 'municipality'}`;
export const reminderId = (cycle: string, key: string, personId: string) => `reminder|${cycle}|${key}|${personId.toLowerCase()}`;

/** Once a day (per årshjul version), the milestones of the coming months go into the schedule. */
export function aarshjulPlanner(deps: Deps): Planner {
  const { repos, domainData, window } = deps;
  return {
    name: 'aarshjul',
    async plan(now) {
      const aarshjul = await effectiveAarshjul(repos, domainData);
      const marker = `aarshjul|${localDate(now, window.timeZone)}|${aarshjul.version}`;
      if (await repos.schedule.hasMarker(marker)) return;
      const horizon = now.getTime() + planAheadDays * 86_400_000;
      const year = Number(localDate(now, window.timeZone).slice(0, 4));
      const wanted = (o: Occurrence, audiences: readonly MilestoneAudience[]) =>
        o.milestone.audience.some((a) => audiences.includes(a)) && o.remindAt.getTime() <= horizon && !isPast(o.date, now, window.timeZone);
      const items: Array<{ occurrence: Occurrence; departmentId?: string }> = [];
      for (const cycle of [year, year + 1]) {
        for (const occurrence of occurrencesOf(aarshjul, cycle, window)) {
          if (wanted(occurrence, municipalityAudiences)) items.push({ occurrence });
        }
        for (const department of await repos.org.listDepartments()) {
          for (const occurrence of occurrencesOf(aarshjul, cycle, window, department.id)) {
            if (wanted(occurrence, departmentAudiences)) items.push({ occurrence, departmentId: department.id });
          }
        }
      }
      await runLimited(items, 8, async ({ occurrence: o, departmentId }) => {
        const payload: FanOut = { cycle: o.cycle, key: o.key, milestoneId: o.milestone.id, date: o.date, ...(departmentId ? { departmentId } : {}) };
        await repos.schedule.schedule({ id: fanOutId(o, departmentId), kind: milestoneKind, dueAt: o.remindAt, payload });
      });
      await repos.schedule.setMarker(marker);
    },
  };
}

/**
 * Who of a milestone's audience this scope reaches, with the role each gets the reminder in. A
 * department reaches its leaders, its employees, the members of the MED-udvalg whose area starts
 * there and its tillidsrepræsentanter; the municipality reaches HR and Hovedudvalget. Someone in
 * two audiences gets the reminder once, in the first role (leader before MED before employee).
 */
async function audienceOf(repos: Repositories, audience: readonly MilestoneAudience[], departmentId?: string): Promise<Map<string, ReminderRole>> {
  const recipients = new Map<string, ReminderRole>();
  const add = (ids: readonly string[], role: ReminderRole) => ids.forEach((id) => recipients.has(id) || recipients.set(id, role));
  if (departmentId) {
    const holders = await repos.org.getRoleHolders(departmentId);
    if (audience.includes('leaders')) add(holders.leaderIds, 'leader');
    if (audience.includes('med-members')) add([...holders.medIds, ...holders.trIds], 'med-member');
    if (audience.includes('employees')) add(await repos.org.listMemberIds(departmentId), 'employee');
  } else if (audience.includes('hr') || audience.includes('hovedudvalg')) {
    const people = (await repos.org.listPeople()).filter((p) => p.active);
    if (audience.includes('hr')) add(people.filter((p) => p.hrAdmin).map((p) => p.id), 'hr');
    if (audience.includes('hovedudvalg')) add(people.filter((p) => p.hovedudvalg).map((p) => p.id), 'med-member');
  }
  return recipients;
}

/**
 * The occurrence an item is about, as the årshjul in force has it now: the file or HR may have
 * moved the milestone since it was planned, or switched it off (undefined).
 */
async function occurrenceNow(deps: Deps, payload: FanOut): Promise<Occurrence | undefined> {
  const aarshjul = await effectiveAarshjul(deps.repos, deps.domainData);
  return occurrencesOf(aarshjul, Number(payload.cycle), deps.window, payload.departmentId).find((o) => o.key === payload.key);
}
const notInAarshjul = { state: 'skipped', reason: 'no longer in the årshjul' } as const;

/**
 * An item planned for a milestone that has since moved later waits for the new reminder time
 * (the planner moves waiting items itself, but only within its horizon and never to a past date).
 */
function movedLater(occurrence: Occurrence, now: Date): JobOutcome | undefined {
  return occurrence.remindAt > now ? { state: 'deferred', until: occurrence.remindAt, reason: `moved to ${occurrence.date}` } : undefined;
}

export function milestoneFanOutJob(deps: Deps) {
  const { repos, window } = deps;
  return jobKind({
    kind: milestoneKind,
    payload: fanOutSchema,
    async run(payload: FanOut, context) {
      const occurrence = await occurrenceNow(deps, payload);
      if (!occurrence) return notInAarshjul;
      if (isPast(occurrence.date, context.now, window.timeZone)) return { state: 'skipped', reason: 'past' };
      const later = movedLater(occurrence, context.now);
      if (later) return later;
      const recipients = await audienceOf(repos, occurrence.milestone.audience, payload.departmentId);
      const dueAt = nextSendMoment(context.now, window);
      await runLimited([...recipients], 8, async ([personId, role]) => {
        const reminder: Reminder = { ...payload, date: occurrence.date, personId, role };
        await repos.schedule.schedule({ id: reminderId(payload.cycle, payload.key, personId), kind: milestoneReminderKind, dueAt, payload: reminder });
      });
      return { state: 'done', reason: `${recipients.size} recipients` };
    },
  });
}

/** Milestones where a leader's reminder shows the department's MUS preparation. */
const preparationMilestones: readonly MilestoneKind[] = ['mus-season-opens', 'preparation-deadline', 'mus-held'];

export function milestoneReminderJob(deps: Deps & { messenger: ReminderMessenger }) {
  const { repos, domainData, window } = deps;
  return jobKind({
    kind: milestoneReminderKind,
    payload: reminderSchema,
    async run(payload: Reminder, context) {
      const occurrence = await occurrenceNow(deps, payload);
      if (!occurrence) return notInAarshjul;
      const { milestone, date } = occurrence;
      const notNow = notSending(whenAllowed(context.now, endOfDate(date, window.timeZone), window, 'past')) ?? movedLater(occurrence, context.now);
      if (notNow) return notNow;
      const person = await repos.org.getPerson(payload.personId);
      if (!person?.active) return { state: 'skipped', reason: 'left' };
      const departments = payload.role === 'leader' ? await progressOf(repos, domainData, payload.personId, payload.cycle, milestone.kind, context.now) : [];
      await context.beginSend();
      const result = await deps.messenger.sendMilestoneReminder(payload.personId, { milestone, date, role: payload.role, departments });
      return result === 'queued' ? { state: 'sent' } : { state: 'skipped', reason: 'unreachable' };
    },
  });
}

/** The departments a leader leads, with their MUS preparation where the milestone is about it. */
async function progressOf(repos: Repositories, domainData: DomainData, leaderId: string, cycle: string, kind: MilestoneKind, now: Date): Promise<DepartmentProgress[]> {
  const member = await requireMember(repos, leaderId, undefined);
  if (!preparationMilestones.includes(kind)) {
    return member.leads.map((d) => ({ departmentId: d.id, name: d.name, people: 0, notPrepared: 0, roundStarted: false }));
  }
  const stepCountOf = async (person: Person) => (await preparationContext(repos, domainData, person, now)).steps.length;
  const statuses = await departmentStatuses(repos, member, cycle, stepCountOf);
  return statuses
    .filter((s) => member.person.leaderOf.includes(s.departmentId))
    .map((s) => ({
      departmentId: s.departmentId,
      name: s.name,
      people: s.people.length,
      notPrepared: s.people.filter((p) => p.status === 'not-started' || p.status === 'in-progress').length,
      roundStarted: s.deadline !== undefined,
      ...(s.deadline ? { deadline: s.deadline } : {}),
    }));
}
