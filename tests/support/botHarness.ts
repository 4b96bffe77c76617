import { publish } from './releases';
import { type Activity, TestAdapter, TurnContext } from 'botbuilder';
import { inject } from 'vitest';
import { type Bot, createBot } from '../../src/bot/app';
import { systemClock } from '../../src/messaging/clock';
import { createOutbox, type Outbox } from '../../src/messaging/outbox';
import { parseConfig } from '../../src/config';
import { loadDomainData } from '../../src/data/loadDomainData';
import { createLogger } from '../../src/logger';
import { seedDemo } from '../../scripts/lib/demo';
import { isoDatesShown } from './shownText';
import { testRepositories } from './storage';

/** Demo people (data/demo/organisation.csv). */
export const demo = {
  mette: { aadObjectId: '0d1e2f30-0000-4000-8000-000000000001', name: 'Mette Jensen' },
  lars: { aadObjectId: '0d1e2f30-0000-4000-8000-000000000002', name: 'Lars Nielsen' },
  sofie: { aadObjectId: '0d1e2f30-0000-4000-8000-000000000003', name: 'Sofie Hansen' },
  ahmad: { aadObjectId: '0d1e2f30-0000-4000-8000-000000000004', name: 'Ahmad Karimi' },
  camilla: { aadObjectId: '0d1e2f30-0000-4000-8000-000000000005', name: 'Camilla Holm' },
  jens: { aadObjectId: '0d1e2f30-0000-4000-8000-000000000006', name: 'Jens Poulsen' },
  birgitte: { aadObjectId: '0d1e2f30-0000-4000-8000-000000000016', name: 'Birgitte Olsen' },
  stranger: { aadObjectId: '99999999-0000-4000-8000-000000000099', name: 'Ukendt Person' },
} as const;
export type DemoUser = { aadObjectId: string; name: string };

/**
 * The real bot (routes, cards, storage on Azurite) driven through botbuilder's TestAdapter with
 * Teams-shaped activities. Each harness has tables of its own, loaded with the demo municipality.
 */
export async function botHarness(options: { seed?: boolean; now?: () => Date; env?: Record<string, string> } = {}) {
  const repos = await testRepositories(options.now);
  if (options.seed !== false) await seedDemo(repos);
  const config = parseConfig({ APP_ENV: 'local', STORAGE_CONNECTION_STRING: inject('storageConnectionString'), TABLE_PREFIX: repos.prefix, ...options.env });
  const logger = createLogger('silent');
  let adapter: TestAdapter | undefined;
  const domainData = await loadDomainData(config.dataDir);
  // Proactive messages go through the real outbox on Azurite, which is drained as soon as
  // something is queued, and are delivered through the TestAdapter, so they land in its queue.
  const queued = createOutbox(repos.outbox, systemClock);
  const outbox: Outbox = {
    ...queued,
    async enqueue(batch, messages) {
      await queued.enqueue(batch, messages);
      while ((await bot.dispatcher.drainOnce()) > 0);
    },
  };
  let teamMembers: DemoUser[] = [];
  const bot: Bot = createBot(
    { config, repos, domainData, logger },
    {
      // TestAdapter has no continueConversation: run the logic in a turn built from the reference.
      continueConversation: async (reference, logic) => {
        const activity = TurnContext.applyConversationReference({ type: 'event', name: 'proactive' }, reference, true);
        await logic(new TurnContext(adapter!, activity));
      },
      outbox,
      // The team's members as Teams would list them (TestAdapter has no Bot Connector to ask).
      teamRoster: async (channelId) => ((await repos.conversations.get('channel', channelId)) ? teamMembers.map((u) => u.aadObjectId) : undefined),
      instanceId: 'test-harness',
    },
  );
  adapter = new TestAdapter(async (context) => bot.run(context));

  const base = (user: DemoUser, scope: 'personal' | 'channel', locale: string): Partial<Activity> => ({
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/emea/',
    locale,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:kompetencebot', name: 'Kompetencebot' },
    conversation:
      scope === 'personal'
        ? { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', isGroup: false, name: '' }
        : { id: '19:general@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true, name: '' },
    channelData:
      scope === 'channel'
        ? { team: { id: '19:general@thread.tacv2', name: 'Hjemmeplejen Nord' }, channel: { id: '19:general@thread.tacv2' }, tenant: { id: 't' } }
        : { tenant: { id: 't' } },
  });

  async function deliver(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    await adapter!.processActivity(activity);
    return readable(adapter!.activeQueue.splice(0));
  }

  return {
    repos,
    config,
    bot,
    domainData,
    /** Publishes the figures now, as the release job does (this cycle and the last). */
    publish(options: { now?: Date; threshold?: number } = {}) {
      return publish(repos, domainData, options);
    },
    /** Who Teams lists as the members of the team the bot is installed in. */
    setTeamMembers(users: DemoUser[]) {
      teamMembers = users;
    },
    /** Messages the bot sent on its own (proactively) since the last call. */
    takeProactive(): Partial<Activity>[] {
      return readable(adapter!.activeQueue.splice(0));
    },
    /** The user types a message. */
    say(user: DemoUser, text: string, opts: { locale?: string; scope?: 'personal' | 'channel'; id?: string } = {}) {
      return deliver({ ...base(user, opts.scope ?? 'personal', opts.locale ?? 'da-DK'), type: 'message', text, ...(opts.id ? { id: opts.id } : {}) });
    },
    /** The user clicks an Action.Submit button (a message with a value and no text). */
    submit(user: DemoUser, value: Record<string, unknown>, opts: { locale?: string; id?: string } = {}) {
      return deliver({ ...base(user, 'personal', opts.locale ?? 'da-DK'), type: 'message', value, ...(opts.id ? { id: opts.id } : {}) });
    },
    /** The user clicks an Action.Execute button (an adaptiveCard/action invoke). */
    execute(user: DemoUser, verb: string, data: Record<string, unknown>, opts: { locale?: string; id?: string } = {}) {
      return deliver({
        ...base(user, 'personal', opts.locale ?? 'da-DK'),
        ...(opts.id ? { id: opts.id } : {}),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
    },
    /** Teams sends some other invoke (e.g. `fileConsent/invoke` when a file consent card is answered). */
    invoke(user: DemoUser, name: string, value: unknown, opts: { locale?: string; scope?: 'personal' | 'channel'; id?: string } = {}) {
      return deliver({ ...base(user, opts.scope ?? 'personal', opts.locale ?? 'da-DK'), type: 'invoke', name, value, ...(opts.id ? { id: opts.id } : {}) });
    },
    /**
     * The app is installed: Teams sends installationUpdate and conversationUpdate(membersAdded:
     * bot) — by default in that order, both with the locale; `order` and `localeOn` say otherwise
     * (Teams sends them in either order, and often only one carries the locale).
     */
    async install(user: DemoUser, opts: {
      locale?: string; scope?: 'personal' | 'channel';
      order?: 'installation-first' | 'conversation-first'; localeOn?: 'both' | 'installation' | 'conversation' | 'none';
    } = {}) {
      const b = base(user, opts.scope ?? 'personal', opts.locale ?? 'da-DK');
      const localeOn = opts.localeOn ?? 'both';
      const withLocale = (event: 'installation' | 'conversation') => (localeOn === 'both' || localeOn === event ? {} : { locale: undefined });
      const installation = { ...b, ...withLocale('installation'), type: 'installationUpdate', action: 'add' };
      const conversation = { ...b, ...withLocale('conversation'), type: 'conversationUpdate', membersAdded: [{ id: '28:kompetencebot', name: 'Kompetencebot' }] };
      const events = opts.order === 'conversation-first' ? [conversation, installation] : [installation, conversation];
      const replies: Partial<Activity>[] = [];
      for (const event of events) replies.push(...await deliver(event));
      return replies;
    },
    /** The app is removed from the personal chat (Teams sends installationUpdate 'remove'). */
    uninstall(user: DemoUser) {
      return deliver({ ...base(user, 'personal', 'da-DK'), type: 'installationUpdate', action: 'remove' });
    },
  };
}

/**
 * Every reply of every flow in the bot tests passes here: a date written as YYYY-MM-DD where a
 * person reads it fails the test that caused it (dates are written as people write them).
 */
function readable(replies: Partial<Activity>[]): Partial<Activity>[] {
  const iso = replies.flatMap(isoDatesShown);
  if (iso.length) throw new Error(`A reply shows a date as YYYY-MM-DD: ${iso.map((t) => JSON.stringify(t)).join(', ')}`);
  return replies;
}

/**
 * A card text as a reader sees it: markdown's backslash escapes taken, the invisible word joiner
 * gone, the address look-alikes read as what they look like (src/bot/plainText.ts).
 */
export function asShown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u2060/g, '')
    .replace(/\u2024/g, '.').replace(/\ua789/g, ':').replace(/\u2215/g, '/');
}

/** All text a reply shows: its text and every TextBlock / Fact / action title of its cards. */
export function visibleText(reply: Partial<Activity>): string {
  const parts: string[] = [];
  if (reply.text) parts.push(reply.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') parts.push(asShown(o.text));
    if (typeof o.title === 'string') parts.push(o.title);
    if (typeof o.value === 'string' && o.type === undefined) parts.push(asShown(o.value));
    Object.values(o).forEach(walk);
  };
  walk(reply.attachments?.map((a) => a.content));
  return parts.join('\n');
}
