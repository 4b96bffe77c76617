import { z } from 'zod';
import { installVerdictOf, retryInstallAfterMs, type UnreachableReason } from '../domain/reach';
import { GraphError, GraphResponseError, type GraphClient } from '../graph/graphClient';
import type { ConversationResolver } from '../messaging/dispatcher';
import type { Repositories } from '../storage';
import type { StoredConversation, StoredConversationReference } from '../storage/conversationRepository';
import type { Person } from '../domain/org';

/**
 * Reaching people who never opened the bot: the app installs itself for them through Microsoft
 * Graph (TeamsAppInstallation.ReadWriteSelfForUser.All), finds their personal chat with the bot,
 * stores the conversation reference and the outbox sends — one person at a time, as the
 * outbox's messages come due, within Graph's limits (the Graph client's limiter) and retried
 * durably with Graph's Retry-After (the outbox). Each step is recorded before the next call
 * (src/storage/installationRepository.ts), so a restart continues where it stopped and the app
 * is installed once per person; two instances cannot work on one person at once (a lease).
 * Who cannot be reached gets a reason (app blocked by policy, no Teams licence, account
 * disabled, …), recorded for HR's count and their leader's delivery line.
 */

export interface InstallerOptions {
  repos: Repositories;
  graph: GraphClient;
  /** The app's id in the Teams app catalog (TEAMS_APP_CATALOG_ID). */
  catalogAppId: string;
  /** Graph's base URL, for the catalog reference in the install request. */
  graphBaseUrl: string;
  /** The Bot Connector's address when no conversation in the tenant has given one yet (TEAMS_SERVICE_URL). */
  serviceUrl: string;
  /** The bot's app id (conversation references name the bot as `28:<id>`). */
  botAppId: string;
  now: () => Date;
  /** Names this instance in install leases. */
  owner: string;
}

/** Whether and how a person can be reached now: a stored conversation, an install first, or not at all. */
export type Reach =
  | { kind: 'conversation'; reference: StoredConversationReference }
  | { kind: 'install' }
  | { kind: 'unreachable'; reason: UnreachableReason };

export interface Installer extends ConversationResolver {
  /** `known`: the person's conversation and person row, when the caller has read them already. */
  reachOf(userId: string, known?: { conversation: StoredConversation | undefined; person: Person | undefined }): Promise<Reach>;
}

const installationsSchema = z.object({ value: z.array(z.object({ id: z.string().min(1) }).passthrough()) }).passthrough();
const chatSchema = z.object({ id: z.string().min(1) }).passthrough();
/** How long one instance holds a person's install (a few Graph calls). */
const leaseMs = 60_000;
/** Graph lists a new installation a moment after it is made. */
const notListedYetMs = 5_000;
/** How long a service URL learnt from the tenant's conversations is kept in memory. */
const serviceUrlTtlMs = 10 * 60_000;

export function createInstaller(options: InstallerOptions): Installer {
  const { repos, graph, catalogAppId, now } = options;
  let learnt: { serviceUrl: string; at: number } | undefined;

  /** The service URL Teams last gave in this tenant (any stored personal chat), else the configured one. */
  async function serviceUrlFor(tenantId: string): Promise<string> {
    if (learnt && now().getTime() - learnt.at < serviceUrlTtlMs) return learnt.serviceUrl;
    const known = (await repos.conversations.some('user', 20)).map((c) => c.reference)
      .find((r) => !tenantId || !r.conversation.tenantId || r.conversation.tenantId === tenantId);
    const serviceUrl = known?.serviceUrl ?? options.serviceUrl;
    if (known) learnt = { serviceUrl, at: now().getTime() };
    return serviceUrl;
  }

  const referenceTo = async (userId: string, tenantId: string, chatId: string): Promise<StoredConversationReference> => ({
    bot: { id: `28:${options.botAppId}` },
    user: { id: userId, aadObjectId: userId },
    conversation: { id: chatId, conversationType: 'personal', ...(tenantId ? { tenantId } : {}) },
    channelId: 'msteams',
    serviceUrl: await serviceUrlFor(tenantId),
  });

  async function reachOf(userId: string, known?: { conversation: StoredConversation | undefined; person: Person | undefined }): Promise<Reach> {
    const stored = known ? known.conversation : await repos.conversations.get('user', userId);
    if (stored) return { kind: 'conversation', reference: stored.reference };
    const [person, install] = await Promise.all([known ? known.person : repos.org.getPerson(userId), repos.installations.get(userId)]);
    if (!person?.active) return { kind: 'unreachable', reason: 'user-disabled' };
    if (install?.reason && install.failedAt && now().getTime() - Date.parse(install.failedAt) < retryInstallAfterMs(install.reason)) {
      return { kind: 'unreachable', reason: install.reason };
    }
    return { kind: 'install' };
  }

  /** The personal chat of an installed app: its installation id, then its chat. */
  async function chatOf(userId: string): Promise<string | undefined> {
    const filter = encodeURIComponent(`teamsApp/id eq '${catalogAppId}'`);
    const listed = installationsSchema.parse((await graph.send('GET', `/users/${userId}/teamwork/installedApps?$expand=teamsApp&$filter=${filter}`)).body);
    const installation = listed.value[0];
    if (!installation) return undefined;
    return chatSchema.parse((await graph.send('GET', `/users/${userId}/teamwork/installedApps/${encodeURIComponent(installation.id)}/chat`)).body).id;
  }

  return {
    reachOf,
    async resolve({ userId, tenantId }) {
      const reach = await reachOf(userId);
      if (reach.kind === 'conversation') return { kind: 'reference', reference: reach.reference };
      if (reach.kind === 'unreachable') return { kind: 'unreachable', reason: reach.reason, detail: reach.reason };
      const claim = await repos.installations.claim(userId, options.owner, now(), leaseMs);
      if (!claim) return { kind: 'retry', retryAfterMs: notListedYetMs, detail: 'another instance is installing the app for the person' };
      try {
        if (!claim.installedAt) {
          // Recorded before the request: the POST count says whether one may have been sent.
          await repos.installations.record(userId, { posts: claim.posts + 1, postedAt: now().toISOString() });
          try {
            await graph.send('POST', `/users/${userId}/teamwork/installedApps`, { 'teamsApp@odata.bind': `${options.graphBaseUrl}/appCatalogs/teamsApps/${catalogAppId}` });
          } catch (error) {
            // 409: installed already (by the person, their admin, or a POST whose answer was lost).
            if (!(error instanceof GraphError && error.status === 409)) throw error;
          }
          await repos.installations.record(userId, { installedAt: now().toISOString() });
        }
        const chatId = claim.chatId ?? (await chatOf(userId));
        if (!chatId) {
          await repos.installations.release(userId, options.owner);
          return { kind: 'retry', retryAfterMs: notListedYetMs, detail: 'the installation is not listed yet' };
        }
        const reference = await referenceTo(userId, tenantId, chatId);
        await repos.installations.record(userId, { chatId });
        await repos.conversations.save('user', userId, { reference });
        await repos.installations.release(userId, options.owner);
        return { kind: 'reference', reference };
      } catch (error) {
        if (error instanceof GraphError) {
          const verdict = installVerdictOf(error);
          if (verdict.kind === 'failed') {
            await repos.installations.fail(userId, verdict.reason, error.message, now());
            return { kind: 'unreachable', reason: verdict.reason, detail: error.message };
          }
          await repos.installations.release(userId, options.owner);
          return { kind: 'retry', ...(error.status === undefined ? {} : { status: error.status }), ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }), detail: error.message };
        }
        if (error instanceof GraphResponseError || error instanceof z.ZodError) {
          await repos.installations.release(userId, options.owner);
          return { kind: 'retry', detail: `Graph answered something unexpected: ${error.message.slice(0, 300)}` };
        }
        throw error;
      }
    },
  };
}

/** HR's count of the people the app could not be installed for, by reason. */
export async function unreachableCounts(repos: Repositories): Promise<Array<{ reason: UnreachableReason; count: number }>> {
  const counts = new Map<UnreachableReason, number>();
  for (const { reason } of await repos.installations.failed()) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * Whether the bot itself installed the app for the person in the last day: Teams then greets
 * them with the install event, but the message that caused the install is on its way and says
 * what to do, so the greeting is left out (a thousand greetings beside a thousand invitations,
 * outside the outbox's limits, would help nobody).
 */
export async function installedByBotRecently(repos: Repositories, userId: string, now: Date): Promise<boolean> {
  const install = await repos.installations.get(userId);
  const at = install?.installedAt ?? install?.postedAt;
  return at !== undefined && now.getTime() - Date.parse(at) < 24 * 3_600_000;
}
