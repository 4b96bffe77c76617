import { hostname } from 'node:os';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { CallerIdConstants, type Request, type Response, StatusCodes, type TurnContext } from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { BotIdentity } from '../config';
import { type Clock, systemClock } from '../messaging/clock';
import { OutboxDispatcher } from '../messaging/dispatcher';
import { createOutbox, type Outbox } from '../messaging/outbox';
import type { BotDeps } from './deps';
import { createBotDelivery } from './delivery';
import { answerUnhandled, replyWithError } from './errors';
import { runOnce } from './redelivery';
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
import { registerGaps } from './routes/gaps';
import { registerGrus } from './routes/grus';
import { registerActionPlan } from './routes/actionPlan';
import { registerExports } from './routes/exports';
import { createTeamRoster } from './roster';
import type { TeamRoster } from '../services/grus';
import { registerPrivacy } from './routes/privacy';
import { registerArea } from './routes/area';
import { type ContinueConversation, continueWith, createProactiveSender, type ProactiveSender } from './proactive';
import { registerWelcome } from './routes/welcome';
import type { ReminderMessenger } from '../jobs/messages';
import { createReminderMessenger } from './reminderCards';
import { rememberConversation, tenantsOf } from './turn';
import { verbs } from './verbs';
import { runTurn, setTurnOutcome } from '../telemetry';
import type { GraphClient } from '../graph/graphClient';
import { createGraphClient } from '../graph';
import { createInstaller } from '../services/proactiveInstall';
import { isLoopbackUrl } from '../localGuard';

/** The public cloud's Bot Framework endpoints (botframework-connector's AuthenticationConstants). */
const publicCloud = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
};

/**
 * The adapter validates inbound Bot Framework tokens whenever an app id is configured; with none
 * (local mode only, enforced by the config) it accepts anonymous traffic from the Playground.
 */
export function createAdapter(identity: BotIdentity | undefined): TeamsAdapter {
  if (!identity) return new TeamsAdapter({});
  return refuseBadTokensWith401(new TeamsAdapter({
    MicrosoftAppId: identity.appId,
    MicrosoftAppType: identity.type === 'UserAssignedMsi' ? 'UserAssignedMSI' : 'SingleTenant',
    MicrosoftAppTenantId: identity.tenantId,
    ...(identity.password ? { MicrosoftAppPassword: identity.password } : {}),
    // botbuilder takes either none of the endpoints (the public cloud's) or all of them: an
    // override of the key source or issuer comes with the public cloud's values for the rest.
    ...(identity.openIdMetadataUrl || identity.tokenIssuer
      ? {
        ...publicCloud,
        ...(identity.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: identity.openIdMetadataUrl } : {}),
        ...(identity.tokenIssuer ? { ToBotFromChannelTokenIssuer: identity.tokenIssuer } : {}),
      }
      : {}),
  }));
}

/**
 * A token whose signature does not verify makes botbuilder throw the JWT library's own error,
 * which its adapter answers with 500; every failure to authenticate is a 401 here.
 */
function refuseBadTokensWith401(adapter: TeamsAdapter): TeamsAdapter {
  const holder = adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
  const inner = holder.botFrameworkAuthentication;
  const wrapped = Object.create(inner) as BotFrameworkAuthentication;
  wrapped.authenticateRequest = async (activity, authHeader) => {
    try {
      return await inner.authenticateRequest(activity, authHeader);
    } catch (error) {
      // (botbuilder's own AuthenticationError keeps its status: its name is none of these.)
      const name = error instanceof Error ? error.name : '';
      if (['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError', 'SyntaxError'].includes(name)) {
        throw new AuthenticationError(`Unauthorized. ${(error as Error).message}`, StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
  };
  holder.botFrameworkAuthentication = wrapped;
  return adapter;
}

/** Routes in order: card actions before any message route (Action.Submit arrives as a message). */
export function createApplication(adapter: TeamsAdapter, deps: BotDeps, proactive: ProactiveSender, roster: TeamRoster): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    ...(deps.config.bot ? { botAppId: deps.config.bot.appId } : {}),
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  app.turn('beforeTurn', async (context) => {
    // Local mode is anonymous: it answers only activities whose replies go back to this machine
    // (the Playground), never to a service URL an activity merely names (src/localGuard.ts).
    if (deps.config.mode === 'local' && !deps.config.localNetworkAllowed && !isLoopbackUrl(context.activity.serviceUrl ?? '')) {
      deps.logger.warn({ type: context.activity.type }, 'local mode: activity whose service URL is not on this machine: refused');
      return false;
    }
    // Another organisation's tenant, no tenant, or two that disagree: nothing runs and nothing is
    // stored (not even its conversation). The log names the tenants, never the person.
    const tenants = tenantsOf(context);
    const allowed = deps.config.allowedTenantIds;
    if (allowed.length && !(tenants.length && tenants.every((tenant) => allowed.includes(tenant)))) {
      deps.logger.warn({ tenants, type: context.activity.type }, 'activity from a tenant that is not allowed: refused');
      setTurnOutcome('refused');
      return false;
    }
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
  registerGaps(app, deps, proactive, roster);
  registerGrus(app, deps, proactive, roster);
  registerActionPlan(app, deps, proactive);
  registerExports(app, deps);
  registerPrivacy(app, deps);
  registerArea(app, deps);
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
  /** Messages the bot starts itself (invitations, shared preparations), queued in the outbox. */
  proactive: ProactiveSender;
  /** The scheduled jobs' messages (nudges, årshjul reminders), as cards through `proactive`. */
  reminders: ReminderMessenger;
  /** The outbox every proactive message goes through: enqueue, batch status, dead letters. */
  outbox: Outbox;
  /** Sends what is due in the outbox: `start()` it in every running instance. */
  dispatcher: OutboxDispatcher;
  /** Runs a turn directly (for TestAdapter-driven tests). */
  run(context: TurnContext): Promise<void>;
}

export interface BotOptions {
  /** Replaces the adapter's continueConversation for proactive sends (TestAdapter in tests). */
  continueConversation?: ContinueConversation;
  /** Replaces the outbox the proactive sender writes to (tests drain it as soon as it is written). */
  outbox?: Outbox;
  clock?: Clock;
  /** Replaces the Teams roster lookup (TestAdapter has no Bot Connector to ask). */
  teamRoster?: TeamRoster;
  /** Names this instance in outbox claims. */
  instanceId?: string;
  /** The Graph client (shared with the Entra ID sync); made from the configuration if absent. */
  graph?: GraphClient;
}

const knownVerbs: ReadonlySet<string> = new Set(Object.values(verbs));

export function createBot(deps: BotDeps, options: BotOptions = {}): Bot {
  const adapter = createAdapter(deps.config.bot);
  adapter.onTurnError = async (context, error) => {
    await replyWithError(context, error, deps);
  };
  const clock = options.clock ?? systemClock;
  const outbox = options.outbox ?? createOutbox(deps.repos.outbox, clock);
  const continueConversation = options.continueConversation ?? continueWith(adapter, deps.config.bot?.appId ?? '');
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}`;
  const { config } = deps;
  // PROACTIVE_INSTALL: people without a conversation get the app installed first (through Graph).
  const graph = options.graph ?? (config.graph && config.proactiveInstall ? createGraphClient(config.graph, { clock }) : undefined);
  const installer = config.proactiveInstall && config.graph && graph
    ? createInstaller({
      repos: deps.repos, graph, catalogAppId: config.proactiveInstall.catalogAppId, graphBaseUrl: config.graph.baseUrl,
      serviceUrl: config.proactiveInstall.serviceUrl, botAppId: config.bot?.appId ?? 'kompetencebot', now: () => clock.now(), owner: instanceId,
    })
    : undefined;
  const dispatcher = new OutboxDispatcher({
    store: deps.repos.outbox,
    delivery: createBotDelivery(continueConversation),
    config: config.outbox,
    clock,
    logger: deps.logger,
    instanceId,
    ...(installer ? { resolver: installer } : {}),
  });
  const tenantId = config.bot?.tenantId ?? config.allowedTenantIds[0] ?? '';
  const proactive = createProactiveSender(outbox, deps.repos, clock, installer ? { installer, tenantId } : undefined);
  const app = createApplication(adapter, deps, proactive, options.teamRoster ?? createTeamRoster(deps.repos, continueConversation));
  // One span per turn (src/telemetry.ts): its flow, verb and outcome, never who or what was said.
  const run = (context: TurnContext) => runTurn(context.activity, knownVerbs, async () => {
    let handled = false;
    try {
      await runOnce(context, deps, async () => {
        handled = true;
        if (!(await app.run(context))) {
          setTurnOutcome('unhandled');
          await answerUnhandled(context, deps);
        }
      });
      if (!handled) setTurnOutcome('redelivered');
    } catch (error) {
      setTurnOutcome('error', error);
      await replyWithError(context, error, deps);
    }
  });
  return {
    adapter,
    app,
    proactive,
    reminders: createReminderMessenger(proactive),
    outbox,
    dispatcher,
    run,
    handle: (req, res) => adapter.process(req, res, run),
  };
}
