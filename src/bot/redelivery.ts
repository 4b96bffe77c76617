import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { BotDeps } from './deps';
import { answerInvokeWithNotice } from './errors';

/**
 * Teams redelivers an activity (same id) when its first delivery did not get an answer in time;
 * several bot instances may receive the copies. The activity is claimed in storage first
 * (`repos.activities`): only the first delivery runs the turn. A redelivered card action gets the
 * first delivery's card back (or, while that is still running, the stale-card notice: nothing
 * changes twice); a redelivered message is ignored. A turn that fails releases its claim, so a
 * redelivery may try again.
 */
export async function runOnce(context: TurnContext, deps: BotDeps, turn: () => Promise<void>): Promise<void> {
  recordInvokeResponse(context);
  const { id: activityId, conversation } = context.activity;
  if (!activityId || !conversation?.id) return turn();
  const claim = await deps.repos.activities.claim(conversation.id, activityId);
  if (!claim.first) {
    // Stryker disable next-line ObjectLiteral,StringLiteral: the wording of a log line is no behaviour a user notices
    deps.logger.info({ activityId, activityType: context.activity.type }, 'redelivered activity: not handled again');
    return answerRedelivery(context, claim.response, deps);
  }
  try {
    await turn();
  } catch (error) {
    await deps.repos.activities.release(conversation.id, activityId, claim.receivedAt).catch((releaseError: unknown) => {
      // Stryker disable next-line ObjectLiteral,StringLiteral: the wording of a log line is no behaviour a user notices
      deps.logger.warn({ err: releaseError }, 'could not release the claim of a failed activity');
    });
    throw error;
  }
  const response = (context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: unknown } | undefined)?.value;
  await deps.repos.activities.complete(conversation.id, activityId, claim.receivedAt, response).catch((completeError: unknown) => {
    // Stryker disable next-line ObjectLiteral,StringLiteral: the wording of a log line is no behaviour a user notices
    deps.logger.warn({ err: completeError }, 'could not record a handled activity');
  });
}

async function answerRedelivery(context: TurnContext, response: unknown, deps: BotDeps): Promise<void> {
  if (context.activity.type !== ActivityTypes.Invoke) return;
  if (response !== undefined) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
  } else if (context.activity.name === 'adaptiveCard/action') {
    await answerInvokeWithNotice(context, 'stillWorking', deps);
  } else {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
  }
}

/**
 * Keeps the invoke response in the turn state under botbuilder's key whichever adapter sends it
 * (the CloudAdapter does this itself; TestAdapter does not), so it can be kept and replayed.
 */
function recordInvokeResponse(context: TurnContext): void {
  context.onSendActivities(async (ctx, activities, next) => {
    const invokeResponse = activities.find((a) => a.type === ActivityTypes.InvokeResponse);
    if (invokeResponse) ctx.turnState.set(INVOKE_RESPONSE_KEY, invokeResponse);
    return next();
  });
}
