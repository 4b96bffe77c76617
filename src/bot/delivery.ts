import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { DeliveryPort, DeliveryResult } from '../messaging/delivery';
import type { ContinueConversation } from './proactive';

/**
 * The outbox's delivery port on botbuilder: one message into a stored conversation
 * (continueConversation + sendActivity), with the Bot Connector's answer mapped to a
 * DeliveryResult — status code and Retry-After — instead of an exception.
 *
 * The connector client's own retry policy (from @azure/core-rest-pipeline: up to 3 retries,
 * sleeping through Retry-After) is switched off for these sends: the outbox retries durably
 * and counts every request against Teams' limits, so hidden extra requests would break both.
 */
export function createBotDelivery(continueConversation: ContinueConversation): DeliveryPort {
  return {
    async deliver(reference, activity) {
      // Errors inside the turn would go to the adapter's onTurnError (which answers the user):
      // catch them here, where they are the outbox's to handle.
      let failure: unknown;
      try {
        await continueConversation(reference as unknown as ConversationReference, async (context) => {
          try {
            withoutConnectorRetries(context);
            await context.sendActivity(activity as Partial<Activity>);
          } catch (error) {
            failure = error;
          }
        });
      } catch (error) {
        failure = error;
      }
      return failure === undefined ? { ok: true } : deliveryFailure(failure);
    },
  };
}

interface PipelineOwner {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/** Removes the retry policy from this turn's connector client (a fresh one per proactive turn). */
function withoutConnectorRetries(context: TurnContext): void {
  const key = (context.adapter as { ConnectorClientKey?: symbol }).ConnectorClientKey;
  const connector = key ? (context.turnState.get(key) as PipelineOwner | undefined) : undefined;
  connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

/** A RestError (status, response headers) or anything else thrown while sending. */
export function deliveryFailure(error: unknown): DeliveryResult {
  const e = error as { statusCode?: unknown; message?: unknown; response?: { headers?: { get?(name: string): string | undefined } } };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const retryAfter = e?.response?.headers?.get?.('retry-after') ?? undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return { ok: false, ...(status === undefined ? {} : { status }), ...(retryAfter ? { retryAfter } : {}), message: message.slice(0, 1000) };
}
