import type { StorageConfig } from '../config';
import { createTableClients, type TableClients } from './client';
import { ConversationRepository } from './conversationRepository';
import { OrgRepository } from './orgRepository';
import { OutboxRepository } from './outboxRepository';
import { PreferenceRepository } from './preferenceRepository';
import { DepartmentSettingsRepository } from './departmentSettingsRepository';
import { PreparationRepository } from './preparationRepository';
import { AarshjulRepository } from './aarshjulRepository';
import { PlanRepository } from './planRepository';
import { PostingRepository } from './postingRepository';
import { RoundRepository } from './roundRepository';
import { ScheduleRepository } from './scheduleRepository';
import { GrusRepository } from './grusRepository';
import { ActionPlanRepository } from './actionPlanRepository';
import { AuditRepository } from './auditRepository';
import { ErasureStore } from './erasure';
import { RetentionStore } from './retention';
import { ActivityRepository } from './activityRepository';
import { ReleaseRepository } from './releaseRepository';
import { DirectoryRepository } from './directoryRepository';
import { InstallationRepository } from './installationRepository';

/** Every repository, over one storage account and table prefix. */
export interface Repositories {
  tables: TableClients;
  org: OrgRepository;
  conversations: ConversationRepository;
  preferences: PreferenceRepository;
  departmentSettings: DepartmentSettingsRepository;
  preparations: PreparationRepository;
  rounds: RoundRepository;
  plans: PlanRepository;
  aarshjul: AarshjulRepository;
  postings: PostingRepository;
  grus: GrusRepository;
  actionPlans: ActionPlanRepository;
  schedule: ScheduleRepository;
  outbox: OutboxRepository;
  /** Reads of other people's personal data (GDPR). */
  audit: AuditRepository;
  /** Erasure of a person from every table (GDPR). */
  erasure: ErasureStore;
  /** Deletion of cycles older than the retention period (GDPR). */
  retention: RetentionStore;
  activities: ActivityRepository;
  /** Released figures (numbered, immutable) and the ledger the next release is checked against. */
  releases: ReleaseRepository;
  /** What the Entra ID sync keeps between runs (the users as last read, the delta link). */
  directory: DirectoryRepository;
  /** Proactive installs of the app, per person (src/services/proactiveInstall.ts). */
  installations: InstallationRepository;
}

export async function openStorage(storage: StorageConfig, prefix: string, now: () => Date = () => new Date()): Promise<Repositories> {
  const tables = createTableClients(storage, prefix);
  await tables.ensureTables();
  const outbox = new OutboxRepository(tables);
  const audit = new AuditRepository(tables, now);
  const releases = new ReleaseRepository(tables);
  return {
    tables,
    org: new OrgRepository(tables, now),
    conversations: new ConversationRepository(tables, now),
    preferences: new PreferenceRepository(tables, now),
    departmentSettings: new DepartmentSettingsRepository(tables, now),
    preparations: new PreparationRepository(tables, now),
    rounds: new RoundRepository(tables, now),
    plans: new PlanRepository(tables, now),
    aarshjul: new AarshjulRepository(tables, now),
    postings: new PostingRepository(tables, now),
    grus: new GrusRepository(tables, now),
    actionPlans: new ActionPlanRepository(tables, now),
    schedule: new ScheduleRepository(tables, now),
    outbox,
    audit,
    erasure: new ErasureStore(tables, outbox, releases, now),
    retention: new RetentionStore(tables, audit),
    activities: new ActivityRepository(tables, now),
    releases,
    directory: new DirectoryRepository(tables),
    installations: new InstallationRepository(tables),
  };
}
