import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupTables, RestoreRefusedError, restoreTables } from '../../scripts/lib/tableBackup';
import { identifiersOf } from '../../src/services/erasure';
import { botHarness, demo } from '../support/botHarness';
import { preparationSteps } from '../support/preparationSteps';
import { snapshotTables } from '../support/tableSnapshot';

// The documented backup and restore of the tables (infra/README.md), on Azurite: a backup taken
// after real use comes back exactly — every table, every typed value — and a restore tells which
// erasures done since the backup HR must repeat.

let harness: Awaited<ReturnType<typeof botHarness>>;
let backup: string[];
let before: Record<string, unknown[]>;
const takenAt = new Date();

beforeAll(async () => {
  harness = await botHarness();
  for (const user of [demo.mette, demo.lars, demo.sofie]) await harness.install(user);
  const { answersFor, stepIdOf, versionOf } = preparationSteps(harness.domainData);
  type Card = { actions?: Array<{ data?: Record<string, unknown> }> };
  const first = (await harness.say(demo.mette, 'forbered MUS')).find((r) => r.attachments?.[0])!.attachments![0]!.content as Card;
  await harness.execute(demo.mette, 'prep.next', { stepId: stepIdOf(first), version: versionOf(first), ...answersFor(stepIdOf(first), 'Før sikkerhedskopien') });
  const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline, includeSub: 'false' });

  before = await snapshotTables(harness.repos.prefix);
  backup = [];
  await backupTables(harness.repos.tables, (line) => backup.push(line), '1.0.0', takenAt);
}, 120_000);

afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

describe('backup and restore of the tables', () => {
  it('writes a header and one line per row of every table', () => {
    const header = JSON.parse(backup[0]!) as { format: string; rows: number; takenAt: string };
    expect(header).toMatchObject({ format: 'kompetencebot-tables', takenAt: takenAt.toISOString() });
    const rowCount = Object.values(before).reduce((sum, rows) => sum + rows.length, 0);
    expect(header.rows).toBe(rowCount);
    expect(backup).toHaveLength(rowCount + 1);
    expect(rowCount).toBeGreaterThan(30);
  });

  it('when the tables are not empty and --replace is not given, then the restore is refused and nothing changes', async () => {
    await expect(restoreTables(harness.repos.tables, backup, { replace: false })).rejects.toThrow(/not empty/);
    expect(await snapshotTables(harness.repos.prefix)).toEqual(before);
  });

  it('when the backup is cut off, then the restore is refused before anything is deleted', async () => {
    await expect(restoreTables(harness.repos.tables, backup.slice(0, -3), { replace: true })).rejects.toThrow(RestoreRefusedError);
    expect(await snapshotTables(harness.repos.prefix)).toEqual(before);
  });

  it('when data changed and a person was erased after the backup, then a restore puts every table back exactly, keeps the erasure\'s record and says it must be repeated', async () => {
    // After the backup: Mette answers again, and HR erases Sofie.
    const { answersFor, stepIdOf, versionOf } = preparationSteps(harness.domainData);
    type Card = { actions?: Array<{ data?: Record<string, unknown> }> };
    const card = (await harness.say(demo.mette, 'forbered MUS')).find((r) => r.attachments?.[0])!.attachments![0]!.content as Card;
    await harness.execute(demo.mette, 'prep.next', { stepId: stepIdOf(card), version: versionOf(card), ...answersFor(stepIdOf(card), 'Efter sikkerhedskopien') });
    const sofie = (await harness.repos.org.getPerson(demo.sofie.aadObjectId))!;
    await harness.repos.erasure.createRequest('e1', { ...(await identifiersOf(harness.repos, sofie)), pseudonym: 'slettet-e1' }, demo.camilla.aadObjectId);
    await harness.repos.erasure.erase('e1');
    expect(await harness.repos.org.getPerson(demo.sofie.aadObjectId)).toBeUndefined();

    const report = await restoreTables(harness.repos.tables, backup, { replace: true });

    expect(report.restored).toBe(backup.length - 1);
    expect(report.erasuresToRepeat).toEqual([{ pseudonym: 'slettet-e1', finishedAt: expect.any(String) }]);
    const after = await snapshotTables(harness.repos.prefix);
    expect(after.erasures).toHaveLength(before.erasures!.length + 1);
    expect(JSON.stringify(after.erasures)).not.toContain(demo.sofie.aadObjectId);
    expect({ ...after, erasures: before.erasures }).toEqual(before);
    expect(JSON.stringify(after.preparations)).not.toContain('Efter sikkerhedskopien');
    expect(await harness.repos.org.getPerson(demo.sofie.aadObjectId)).toBeDefined();
  });
});
