import type { Milestone } from '../domain/catalogue';
import type { LocalizedText } from '../domain/i18n';
import type { PostedResult } from '../services/grus';
import type { ReleaseReport } from '../services/releases';
import type { SyncProblem } from '../domain/entraMapping';

/**
 * What the scheduled jobs send, as data; src/bot turns each into its card and sends it through
 * the proactive sender, which queues it in the throttled outbox ('queued').
 */
export interface NudgeMessage {
  /** The preparation deadline, YYYY-MM-DD. */
  deadline: string;
  completedSteps: number;
  totalSteps: number;
}

/** A department's MUS preparation, for a leader's reminder. */
export interface DepartmentProgress {
  departmentId: string;
  name: string;
  people: number;
  notPrepared: number;
  roundStarted: boolean;
  deadline?: string;
}

export type ReminderRole = 'leader' | 'employee' | 'hr' | 'med-member';

export interface MilestoneMessage {
  milestone: Milestone;
  /** The milestone's date, YYYY-MM-DD. */
  date: string;
  role: ReminderRole;
  /** For leaders: the departments they lead, with what the card offers as the next action. */
  departments: DepartmentProgress[];
}

/** "How did it go?" after a development plan's action ended. */
export interface EffectQuestionMessage {
  cycle: string;
  actionId: string;
  activity: LocalizedText;
  /** The action's end date, YYYY-MM-DD. */
  end: string;
}

/** A GRUS whose deadline passed with too few answers to show anything. */
export interface GrusTooFewMessage {
  teamName: string;
  answered: number;
  participants: number;
  threshold: number;
}

export interface ReminderMessenger {
  sendNudge(personId: string, message: NudgeMessage): Promise<'queued' | 'unreachable'>;
  sendEffectQuestion(personId: string, message: EffectQuestionMessage): Promise<'queued' | 'unreachable'>;
  sendMilestoneReminder(personId: string, message: MilestoneMessage): Promise<'queued' | 'unreachable'>;
  /** Shares a GRUS result in its team's channel and tells the leader who started it. */
  sendGrusResult(posted: PostedResult): Promise<'queued' | 'unreachable'>;
  sendGrusTooFew(leaderId: string, message: GrusTooFewMessage): Promise<'queued' | 'unreachable'>;
  /** Tells HR what the release they asked for published. */
  sendReleaseDone(personId: string, message: { reports: ReleaseReport[] }): Promise<'queued' | 'unreachable'>;
  /** Tells HR that the Entra ID sync was refused, with every problem (changed nothing). */
  sendSyncProblems(personId: string, message: { problems: SyncProblem[] }): Promise<'queued' | 'unreachable'>;
}
