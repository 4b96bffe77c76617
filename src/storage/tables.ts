/**
 * Every table the bot uses, by role. The physical name is `<prefix><Role>` (Table names are
 * alphanumeric, 3–63 characters, starting with a letter), so that several environments or test
 * runs can share one storage account without seeing each other's data.
 */
export const tableRoles = [
  'departments',
  'people',
  'memberships',
  'conversations',
  'preferences',
  'preparations',
  'questionSets',
  'profiles',
  'rounds',
  'plans',
  'schedule',
  'aarshjul',
  'outbox',
  'outboxBatches',
  'deadLetters',
  'deliveryStates',
  'postings',
  'groupConversations',
  'actionPlans',
  'audit',
  'erasures',
  'activities',
  'releases',
  'directory',
  'installations',
] as const;
export type TableRole = (typeof tableRoles)[number];

export const defaultTablePrefix = 'kb';

export function tableName(prefix: string, role: TableRole): string {
  return `${prefix}${role[0]!.toUpperCase()}${role.slice(1)}`;
}

export function allTableNames(prefix: string = defaultTablePrefix): string[] {
  return tableRoles.map((role) => tableName(prefix, role));
}
