import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { type Request, type Response, type TurnContext } from 'botbuilder';
import type { BotIdentity } from '../config';
import type { BotDeps } from './deps';
import { replyWithError } from './errors';
import { registerDepartment } from './routes/department';
import { registerFallback } from './routes/fallback';
import { registerHelp } from './routes/help';
import { registerLanguage } from './routes/language';
import { registerPlan } from './routes/plan';
import { registerPreparation } from './routes/preparation';
import { registerProfile } from './routes/profile';
import { registerQuestionSet } from './routes/questionSet';
import { registerYear } from './routes/year';
import { registerAarshjul } from './routes/aarshjul';
import { type ContinueConversation, continueWith, createProactiveSender, type ProactiveSender } from './proactive';
import { registerWelcome } from './routes/welcome';
import type { ReminderMessenger } from '../jobs/messages';
import { createReminderMessenger } from './reminderCards';
import { rememberConversation } from './turn';

/**
 * The adapter validates inbound Bot Framework tokens whenever an app id is configured; with none
 * (local mode only, enforced by the config) it accepts anonymous traffic from the Playground.
 */
export function createAdapter(identity: BotIdentity | undefined): TeamsAdapter {
  if (!identity) return new TeamsAdapter({});
  return new TeamsAdapter({
    MicrosoftAppId: identity.appId,
    MicrosoftAppType: identity.type === 'UserAssignedMsi' ? 'UserAssignedMSI' : 'SingleTenant',
    MicrosoftAppTenantId: identity.tenantId,
    ...(identity.password ? { MicrosoftAppPassword: identity.password } : {}),
  });
}

/** Routes in order: card actions before any message route (Action.Submit arrives as a message). */
export function createApplication(adapter: TeamsAdapter, deps: BotDeps, proactive: ProactiveSender): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    ...(deps.config.bot ? { botAppId: deps.config.bot.appId } : {}),
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  app.turn('beforeTurn', async (context) => {
    try {
      await rememberConversation(context, deps.repos);
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not store the conversation reference');
    }
    return true;
  });
  registerWelcome(app, deps);
  registerPreparation(app, deps, proactive);
  registerDepartment(app, deps, proactive);
  registerPlan(app, deps, proactive);
  registerProfile(app, deps);
  registerQuestionSet(app, deps);
  registerYear(app, deps);
  registerAarshjul(app, deps);
  registerHelp(app, deps);
  registerLanguage(app, deps);
  registerFallback(app, deps);
  return app;
}

export interface Bot {
  /** Handles one POST /api/messages. */
  handle(req: Request, res: Response): Promise<void>;
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  /** Messages the bot starts itself (invitations, shared preparations). */
  proactive: ProactiveSender;
  /** The scheduled jobs' messages (nudges, årshjul reminders), as cards through `proactive`. */
  reminders: ReminderMessenger;
  /** Runs a turn directly (for TestAdapter-driven tests). */
  run(context: TurnContext): Promise<void>;
}

/** `continueConversation` replaces the adapter's for proactive sends (TestAdapter in tests). */
export function createBot(deps: BotDeps, options: { continueConversation?: ContinueConversation } = {}): Bot {
  const adapter = createAdapter(deps.config.bot);
  adapter.onTurnError = async (context, error) => {
    await replyWithError(context, error, deps);
  };
  const proactive = createProactiveSender(options.continueConversation ?? continueWith(adapter, deps.config.bot?.appId ?? ''), deps.repos);
  const app = createApplication(adapter, deps, proactive);
  const run = async (context: TurnContext) => {
    try {
      await app.run(context);
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  };
  return {
    adapter,
    app,
    proactive,
    reminders: createReminderMessenger(proactive),
    run,
    handle: (req, res) => adapter.process(req, res, run),
  };
}
