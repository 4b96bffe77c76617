import { type ConversationReference, TeamsInfo } from 'botbuilder';
import type { TeamRoster } from '../services/grus';
import type { Repositories } from '../storage';
import type { ContinueConversation } from './proactive';

/**
 * Who is in a team, as Teams lists them (Entra object ids): the members of the team a stored
 * channel conversation belongs to, read page by page through the Bot Connector.
 */
export function createTeamRoster(repos: Repositories, continueConversation: ContinueConversation): TeamRoster {
  return async (channelId) => {
    const stored = await repos.conversations.get('channel', channelId);
    if (!stored) return undefined;
    const ids: string[] = [];
    // The stored reference is the zod-checked shape of a botbuilder ConversationReference.
    await continueConversation(stored.reference as unknown as ConversationReference, async (context) => {
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 500, token);
        ids.push(...page.members.flatMap((m) => (m.aadObjectId ? [m.aadObjectId] : [])));
        token = page.continuationToken;
      } while (token);
    });
    return ids;
  };
}
