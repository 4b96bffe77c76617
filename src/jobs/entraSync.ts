import { z } from 'zod';
import type { EntraMapping } from '../domain/entraMapping';
import type { GraphClient } from '../graph/graphClient';
import { syncFromEntra } from '../services/entraSync';
import type { Repositories } from '../storage';
import { jobKind } from './kinds';
import type { ReminderMessenger } from './messages';
import type { Planner } from './scheduler';

/**
 * The organisation synced from Entra ID on the durable schedule: one item per period
 * (`entra-sync|<period start>`, every ENTRA_SYNC_MINUTES), run by one instance. A refused run
 * (problems in Entra ID) tells HR once per distinct set of problems and changes nothing.
 */
export const entraSyncKind = 'entra-sync';

export function entraSyncPlanner(repos: Repositories, everyMinutes: number): Planner {
  const period = everyMinutes * 60_000;
  return {
    name: 'entra-sync',
    async plan(now) {
      const start = new Date(Math.floor(now.getTime() / period) * period);
      await repos.schedule.schedule({ id: `${entraSyncKind}|${start.toISOString()}`, kind: entraSyncKind, dueAt: start, payload: {} });
    },
  };
}

export function entraSyncJob(deps: { repos: Repositories; graph: GraphClient; mapping: EntraMapping; messenger: ReminderMessenger; owner: string }) {
  return jobKind({
    kind: entraSyncKind,
    payload: z.object({}).passthrough(),
    async run(_payload: unknown, context) {
      const report = await syncFromEntra({ repos: deps.repos, graph: deps.graph, mapping: deps.mapping, now: () => context.now, owner: deps.owner });
      switch (report.outcome) {
        case 'busy':
          return { state: 'skipped', reason: 'another run of the sync holds the lock' };
        case 'imported':
          return { state: 'done', reason: `${report.full ? 'full' : 'delta'}: ${report.changes} changes; ${report.summary.people} people, ${report.summary.deactivated} deactivated` };
        case 'refused': {
          if (!report.newProblems) return { state: 'done', reason: `refused again (${report.problems.length} problems, HR already told)` };
          const hr = (await deps.repos.org.listPeople()).filter((p) => p.active && p.hrAdmin);
          await context.beginSend();
          for (const person of hr) await deps.messenger.sendSyncProblems(person.id, { problems: report.problems });
          return { state: 'sent' };
        }
      }
    },
  });
}
