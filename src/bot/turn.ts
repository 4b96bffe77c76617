import { type ConversationReference, TurnContext } from 'botbuilder';
import type { Repositories } from '../storage';
import type { StoredConversationReference } from '../storage/conversationRepository';

/** Where a turn happens, in the manifest's words. */
export type Scope = 'personal' | 'team' | 'groupChat';

export function scopeOf(context: TurnContext): Scope {
  switch (context.activity.conversation?.conversationType) {
    case 'channel':
      return 'team';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}

/** The acting user's Entra object id, lower-cased (the key of people in storage). */
export function userIdOf(context: TurnContext): string | undefined {
  return context.activity.from?.aadObjectId?.toLowerCase() || undefined;
}

export function teamsLocaleOf(context: TurnContext): string | undefined {
  return context.activity.locale ?? undefined;
}

/** A channel conversation id without the `;messageid=` of the thread the message was posted in. */
export function channelIdOf(conversationId: string): string {
  return conversationId.split(';')[0]!;
}

function plainReference(reference: Partial<ConversationReference>): StoredConversationReference {
  return JSON.parse(JSON.stringify(reference)) as StoredConversationReference;
}

/**
 * Stores the conversation reference of this turn, so proactive messages (invitations, reminders,
 * channel posts) can reach the conversation later from any bot instance. Some activities (e.g. a
 * conversationUpdate) carry no locale: they get the Teams locale last seen in that chat.
 */
export async function rememberConversation(context: TurnContext, repos: Repositories): Promise<void> {
  const activity = context.activity;
  if (!activity.conversation?.id || !activity.serviceUrl) return;
  const reference = TurnContext.getConversationReference(activity);
  const scope = scopeOf(context);
  // Installed again after blocking or removing the bot: the outbox may write to it again.
  if (activity.type === 'installationUpdate' && activity.action === 'add') {
    await repos.outbox.unblockConversation(scope === 'team' ? channelIdOf(activity.conversation.id) : activity.conversation.id);
  }
  if (scope === 'personal') {
    const userId = userIdOf(context);
    if (!userId) return;
    if (!activity.locale) {
      const known = (await repos.conversations.get('user', userId))?.locale;
      if (known) activity.locale = known;
    }
    const locale = activity.locale ?? undefined;
    await repos.conversations.save('user', userId, { reference: plainReference(reference), ...(locale ? { locale } : {}) });
  } else if (scope === 'team') {
    const channelId = channelIdOf(activity.conversation.id);
    const team = (activity.channelData as { team?: { id?: string; name?: string } } | undefined)?.team;
    const conversation = { ...reference.conversation!, id: channelId };
    await repos.conversations.save('channel', channelId, {
      reference: plainReference({ ...reference, conversation, activityId: undefined }),
      ...(team?.name ? { name: team.name } : {}),
      ...(team?.id ? { teamId: team.id } : {}),
    });
  } else {
    await repos.conversations.save('chat', activity.conversation.id, {
      reference: plainReference(reference),
      ...(activity.conversation.name ? { name: activity.conversation.name } : {}),
    });
  }
}

/** The team channels the bot is installed in, as choices for a card (title: the channel's name). */
export async function channelChoices(repos: Repositories): Promise<Array<{ title: string; value: string }>> {
  return (await repos.conversations.list('channel')).map(({ key, conversation }) => ({ title: conversation.name ?? key, value: key }));
}

/**
 * The Entra tenants an activity names: Teams puts the tenant in channelData and in the
 * conversation. Both are returned (lower case, without repeats) so that a caller can refuse
 * an activity whose two places disagree.
 */
export function tenantsOf(context: TurnContext): string[] {
  const activity = context.activity;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation: unknown = activity.conversation?.tenantId;
  const ids = [fromChannelData, fromConversation].filter((id): id is string => typeof id === 'string' && id !== '');
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}
