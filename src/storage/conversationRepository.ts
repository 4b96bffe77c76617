import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';
import { encodeKey, odataString } from './keys';

/**
 * What is needed to message a conversation later (proactively): a Bot Framework conversation
 * reference as plain JSON. Stored on install and refreshed on every message, in Table Storage so
 * that every bot instance sees it and a restart loses nothing.
 *
 * Key scheme (table conversations):
 * - PK "user"    RK <Entra object id>  the personal chat with one person
 * - PK "channel" RK <conversation id>  a team channel (the team's General channel has the team id)
 * - PK "chat"    RK <conversation id>  a group chat
 */
export const conversationReferenceSchema = z
  .object({
    activityId: z.string().optional(),
    user: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }).passthrough().optional(),
    bot: z.object({ id: z.string(), name: z.string().optional() }).passthrough(),
    conversation: z
      .object({ id: z.string(), conversationType: z.string().optional(), tenantId: z.string().optional(), isGroup: z.boolean().optional() })
      .passthrough(),
    channelId: z.string(),
    serviceUrl: z.string(),
    locale: z.string().optional(),
  })
  .passthrough();
export type StoredConversationReference = z.infer<typeof conversationReferenceSchema>;

const storedConversationSchema = z.object({
  reference: conversationReferenceSchema,
  locale: z.string().optional(),
  /** A team's or chat's display name, when known. */
  name: z.string().optional(),
  teamId: z.string().optional(),
  updatedAt: z.string(),
});
export type StoredConversation = z.infer<typeof storedConversationSchema>;

export type ConversationScope = 'user' | 'channel' | 'chat';

/** People are keyed by their lower-cased Entra object id; conversation ids are kept as they are. */
const rowKeyOf = (scope: ConversationScope, key: string) => (scope === 'user' ? key.toLowerCase() : key);

export class ConversationRepository {
  private readonly table: EntityTable<StoredConversation>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('conversations'), storedConversationSchema, ['reference']);
  }

  /**
   * Last writer wins: the newest reference is the right one to use. A write without a locale
   * (an event that carries none, such as one of the two of an install) keeps the locale stored,
   * even when the event that carries it is written at the same moment.
   */
  async save(scope: ConversationScope, key: string, data: Omit<StoredConversation, 'updatedAt'>): Promise<void> {
    const value = { ...data, updatedAt: this.now().toISOString() };
    if (data.locale) return this.table.upsert(scope, rowKeyOf(scope, key), value);
    await this.table.update(scope, rowKeyOf(scope, key), (current) => ({ ...value, ...(current?.locale ? { locale: current.locale } : {}) }));
  }

  async get(scope: ConversationScope, key: string): Promise<StoredConversation | undefined> {
    return (await this.table.get(scope, rowKeyOf(scope, key)))?.value;
  }

  async list(scope: ConversationScope): Promise<Array<{ key: string; conversation: StoredConversation }>> {
    return (await this.table.listPartition(scope)).map(({ row, value }) => ({ key: row, conversation: value }));
  }

  /** Up to `take` stored conversations of a scope (e.g. to learn the tenant's service URL). */
  async some(scope: ConversationScope, take: number): Promise<StoredConversation[]> {
    return (await this.table.query(`PartitionKey eq ${odataString(encodeKey(scope))}`, take)).map((row) => row.value);
  }

  async remove(scope: ConversationScope, key: string): Promise<void> {
    await this.table.delete(scope, rowKeyOf(scope, key));
  }
}
