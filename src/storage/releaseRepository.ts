import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Ledger, PersonState, ReleasedFigure, Tree } from '../domain/releases';
import type { TableClients } from './client';
import { AlreadyExistsError, ConcurrencyError, EntityTable } from './entityTable';

/**
 * Released figures (table releases). A release is numbered per cycle and never changed once
 * committed. Key scheme:
 * - PK "h|<cycle>"            RK <release, 6 digits>  the header: who made it, when, committed or still being written
 * - PK "g|<cycle>|<release>"  RK <group id>           one group's figures in that release (immutable)
 * - PK "c|<cycle>"            RK <group id>           the same for the newest committed release: what every
 *                                                      card reads, one point read per view
 * - PK "l|<cycle>|<release>"  RK <part, 4 digits>     the ledger after that release (what the next one is
 *                                                      checked against), gzip in binary properties
 * Group payloads and the ledger are gzip'd JSON in binary properties `d0`…`d14` (64 KiB each).
 * The ledger links a per-cycle person number to a person id only while the person is stored: the
 * only personal data here; erasure unlinks it (`unlink`).
 */
const propertyBytes = 60_000;
const propertiesPerRow = 15;
const dataFields = Array.from({ length: propertiesPerRow }, (_, i) => `d${i}` as const);

type DataField = `d${number}`;
const binary = z.instanceof(Uint8Array).optional();
type BlobRow = {
  [field: DataField]: Uint8Array | undefined;
  release?: number;
  at?: string;
  /** The ledger's first row: how many rows it has. */
  parts?: number;
};
const blobRowSchema = z.object({
  ...Object.fromEntries(dataFields.map((f) => [f, binary])),
  release: z.number().int().min(1).optional(),
  at: z.string().optional(),
  parts: z.number().int().min(1).optional(),
}) as unknown as z.ZodType<BlobRow, z.ZodTypeDef, unknown>;

const headerSchema = z.object({
  release: z.number().int().min(1),
  cycle: z.string(),
  state: z.enum(['writing', 'committed']),
  owner: z.string(),
  startedAt: z.string(),
  at: z.string(),
  trigger: z.string(),
  /** How many figures are new in it, and how many groups it holds. */
  fresh: z.number().int().min(0).default(0),
  groups: z.number().int().min(0).default(0),
  /** A digest of every group row: a release that would show the same is not made. */
  digest: z.string().default(''),
});
export type ReleaseHeader = z.infer<typeof headerSchema>;

const figureSchema = z.object({ release: z.number().int().min(1), respondents: z.number().int().min(0), mean: z.number(), distribution: z.array(z.number().int().min(0)) });

/** One group's released figures as stored: everything a card about the group shows. */
export const groupPayloadSchema = z.object({
  group: z.string(),
  /** The department's id (absent for the municipality) and name when released. */
  departmentId: z.string().optional(),
  name: z.string(),
  parentId: z.string().optional(),
  answered: z.number().int().min(0),
  figures: z.record(figureSchema),
  /** When each release a shown figure comes from was made (release number → ISO time). */
  releasedAt: z.record(z.string()),
  /** Self-rating trend per competence: this figure minus last cycle's released figure, where both were released. */
  trend: z.record(z.number()).default({}),
  /** The department's profile in force when released: desired levels, and its own competences. */
  desired: z.record(z.number()).default({}),
  competences: z.array(z.object({ id: z.string(), groupId: z.string(), name: z.string(), short: z.string() })).default([]),
  /** The municipality's row only: per department, how many have answered and its largest released gap (HR's overview). */
  overview: z.array(z.object({
    departmentId: z.string(),
    name: z.string(),
    answered: z.number().int().min(0),
    largest: z.object({ competenceId: z.string(), gap: z.number() }).optional(),
  })).optional(),
});
export type GroupPayload = z.infer<typeof groupPayloadSchema>;
export interface StoredGroupRelease extends GroupPayload {
  release: number;
  at: string;
}

const pad = (n: number, width = 6) => String(n).padStart(width, '0');
const headerPartition = (cycle: string) => `h|${cycle}`;
const groupPartition = (cycle: string, release: number) => `g|${cycle}|${pad(release)}`;
const currentPartition = (cycle: string) => `c|${cycle}`;
const ledgerPartition = (cycle: string, release: number) => `l|${cycle}|${pad(release)}`;

function pack(value: unknown): BlobRow {
  const bytes = gzipSync(Buffer.from(JSON.stringify(value)));
  if (bytes.length > propertyBytes * propertiesPerRow) throw new Error(`a release row of ${bytes.length} bytes does not fit one entity`);
  const row: BlobRow = {};
  for (let i = 0; i * propertyBytes < bytes.length; i++) row[`d${i}`] = new Uint8Array(bytes.subarray(i * propertyBytes, (i + 1) * propertyBytes));
  return row;
}

function unpack(rows: readonly BlobRow[]): unknown {
  const parts = rows.flatMap((row) => dataFields.flatMap((f) => (row[f] ? [Buffer.from(row[f]!)] : [])));
  return JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8'));
}

// The ledger on disk: people's states as short strings over a competence list (one character per
// competence: '0' none, '1'–'9' and 'a' for 10), departments by number.
const encodedLedgerSchema = z.object({
  v: z.literal(1),
  cycle: z.string(),
  release: z.number().int().min(0),
  releasedAt: z.array(z.string()),
  people: z.array(z.string().nullable()),
  competences: z.array(z.string()),
  departments: z.array(z.string()),
  history: z.array(z.array(z.union([z.tuple([z.number()]), z.tuple([z.number(), z.number(), z.string(), z.string()])]))),
  trees: z.array(z.tuple([z.number(), z.record(z.string().nullable())])),
  shown: z.record(z.record(z.array(figureSchema))),
});

const encodedLedgerFrameSchema = encodedLedgerSchema.extend({ history: z.array(z.unknown()) });

const levelChars = '0123456789a';

export function encodeLedger(ledger: Ledger): z.infer<typeof encodedLedgerSchema> {
  const competences = new Map<string, number>();
  const departments = new Map<string, number>();
  const numberOf = (map: Map<string, number>, key: string) => map.get(key) ?? map.set(key, map.size).get(key)!;
  for (const entries of ledger.history) {
    for (const [, state] of entries) {
      if (!state) continue;
      numberOf(departments, state.departmentId);
      for (const c of [...Object.keys(state.self), ...Object.keys(state.leader)]) numberOf(competences, c);
    }
  }
  const ids = [...competences.keys()];
  const levels = (values: Readonly<Record<string, number>>) => ids.map((c) => levelChars[values[c] ?? 0] ?? '0').join('');
  return {
    v: 1, cycle: ledger.cycle, release: ledger.release, releasedAt: ledger.releasedAt, people: ledger.people,
    competences: ids, departments: [...departments.keys()],
    history: ledger.history.map((entries) => entries.map(([release, state]) => (state
      ? [release, departments.get(state.departmentId)!, levels(state.self), levels(state.leader)] as [number, number, string, string]
      : [release] as [number]))),
    trees: ledger.trees.map(([release, tree]) => [release, { ...tree }]),
    shown: ledger.shown,
  };
}

/**
 * The ledger read back. Its own format, written by this code only: the frame is checked with zod,
 * the (large) history arrays entry by entry as they are decoded — a full zod parse of tens of
 * thousands of tuples would cost more than the release itself.
 */
export function decodeLedger(raw: unknown): Ledger {
  const e = encodedLedgerFrameSchema.parse(raw) as z.infer<typeof encodedLedgerSchema>;
  if (!Array.isArray(e.history) || e.history.some((entries) => !Array.isArray(entries) || entries.some((x) => !Array.isArray(x) || typeof x[0] !== 'number' || (x.length !== 1 && (x.length !== 4 || typeof x[1] !== 'number' || typeof x[2] !== 'string' || typeof x[3] !== 'string'))))) {
    throw new Error(`the ledger of ${e.cycle}/${e.release} does not match its format`);
  }
  const levels = (text: string) => Object.fromEntries([...text].flatMap((ch, i) => (ch === '0' ? [] : [[e.competences[i]!, levelChars.indexOf(ch)] as const])));
  return {
    cycle: e.cycle, release: e.release, releasedAt: e.releasedAt, people: e.people,
    history: e.history.map((entries) => entries.map((entry): [number, PersonState | null] => (entry.length === 1
      ? [entry[0], null]
      : [entry[0], { departmentId: e.departments[entry[1]]!, self: levels(entry[2]), leader: levels(entry[3]) }]))),
    trees: e.trees.map(([release, tree]) => [release, tree as Tree]),
    shown: e.shown as Record<string, Record<string, ReleasedFigure[]>>,
  };
}

export class ReleaseRepository {
  private readonly headers: EntityTable<ReleaseHeader>;
  private readonly blobs: EntityTable<BlobRow>;

  constructor(tables: TableClients) {
    this.headers = new EntityTable(tables.table('releases'), headerSchema);
    this.blobs = new EntityTable(tables.table('releases'), blobRowSchema);
  }

  /** Every release of a cycle, oldest first (committed or being written). */
  async headersOf(cycle: string): Promise<Array<{ header: ReleaseHeader; etag: string }>> {
    return (await this.headers.listPartition(headerPartition(cycle))).map(({ value, etag }) => ({ header: value, etag }));
  }

  /** The newest committed release of a cycle. */
  async latest(cycle: string): Promise<ReleaseHeader | undefined> {
    return (await this.headersOf(cycle)).filter((h) => h.header.state === 'committed').at(-1)?.header;
  }

  /**
   * Claims a release number for writing: fails with ConcurrencyError if another instance holds it
   * (a claim older than `staleAfterMs` — its writer died — is taken over).
   */
  async claim(header: ReleaseHeader, staleAfterMs: number): Promise<void> {
    const row = pad(header.release);
    try {
      await this.headers.insert(headerPartition(header.cycle), row, header);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.headers.get(headerPartition(header.cycle), row);
      const stale = existing?.value.state === 'writing' && Date.parse(header.startedAt) - Date.parse(existing.value.startedAt) > staleAfterMs;
      if (!existing || !stale) throw new ConcurrencyError(`release ${header.cycle}/${header.release}`);
      await this.headers.replace(headerPartition(header.cycle), row, header, existing.etag);
    }
  }

  /** Commits a claimed release (only the claimant's claim: another owner's makes this fail). */
  async commit(header: ReleaseHeader): Promise<void> {
    const partition = headerPartition(header.cycle);
    const row = pad(header.release);
    const existing = await this.headers.get(partition, row);
    if (!existing || existing.value.owner !== header.owner || existing.value.state !== 'writing') throw new ConcurrencyError(`release ${header.cycle}/${header.release}`);
    await this.headers.replace(partition, row, { ...header, state: 'committed' }, existing.etag);
  }

  async writeGroups(cycle: string, release: number, groups: readonly GroupPayload[], at: string): Promise<void> {
    await this.blobs.upsertBatch(groupPartition(cycle, release), groups.map((g) => ({ row: g.group, value: { ...pack(g), release, at } })));
  }

  /** Makes a committed release the one every view reads. */
  async makeCurrent(cycle: string, release: number, groups: readonly GroupPayload[], at: string): Promise<void> {
    await this.blobs.upsertBatch(currentPartition(cycle), groups.map((g) => ({ row: g.group, value: { ...pack(g), release, at } })));
  }

  /** One group's figures in the newest release: a single point read. */
  async current(cycle: string, group: string): Promise<StoredGroupRelease | undefined> {
    const row = (await this.blobs.get(currentPartition(cycle), group))?.value;
    return row ? { ...groupPayloadSchema.parse(unpack([row])), release: row.release ?? 0, at: row.at ?? '' } : undefined;
  }

  /** Every group of one release (an export of the whole municipality). */
  async groupsOfRelease(cycle: string, release: number): Promise<StoredGroupRelease[]> {
    return (await this.blobs.listPartition(groupPartition(cycle, release)))
      .map(({ value }) => ({ ...groupPayloadSchema.parse(unpack([value])), release: value.release ?? release, at: value.at ?? '' }));
  }

  async writeLedger(ledger: Ledger): Promise<void> {
    const bytes = gzipSync(Buffer.from(JSON.stringify(encodeLedger(ledger))));
    const perRow = propertyBytes * propertiesPerRow;
    const partition = ledgerPartition(ledger.cycle, ledger.release);
    // One row at a time: a transaction's body is limited to 4 MiB.
    const parts = Math.max(1, Math.ceil(bytes.length / perRow));
    for (let part = 0; part < parts; part++) {
      const slice = bytes.subarray(part * perRow, (part + 1) * perRow);
      // The first row says how many follow: rows left over from a longer ledger are never read.
      const row: BlobRow = part === 0 ? { parts } : {};
      for (let i = 0; i * propertyBytes < slice.length; i++) row[`d${i}`] = new Uint8Array(slice.subarray(i * propertyBytes, (i + 1) * propertyBytes));
      await this.blobs.upsert(partition, pad(part, 4), row);
    }
  }

  async readLedger(cycle: string, release: number): Promise<Ledger | undefined> {
    const rows = await this.blobs.listPartition(ledgerPartition(cycle, release));
    if (!rows.length) return undefined;
    const bytes = Buffer.concat(rows.slice(0, rows[0]!.value.parts ?? rows.length).flatMap(({ value }) => dataFields.flatMap((f) => (value[f] ? [Buffer.from(value[f]!)] : []))));
    return decodeLedger(JSON.parse(gunzipSync(bytes).toString('utf8')));
  }

  async deleteLedger(cycle: string, release: number): Promise<void> {
    for (const { row } of await this.blobs.listPartition(ledgerPartition(cycle, release))) await this.blobs.delete(ledgerPartition(cycle, release), row);
  }

  /** The kept ledgers that link a number to this person (for erasure). */
  async ledgersLinking(personId: string): Promise<Array<{ cycle: string; release: number }>> {
    const key = personId.toLowerCase();
    const rows = await this.blobs.query("PartitionKey ge 'l|' and PartitionKey lt 'l}'");
    const partitions = [...new Set(rows.map((r) => r.partition))];
    const out: Array<{ cycle: string; release: number }> = [];
    for (const partition of partitions) {
      const [, cycle, release] = partition.split('|');
      const ledger = await this.readLedger(cycle!, Number(release));
      if (ledger?.people.includes(key)) out.push({ cycle: cycle!, release: Number(release) });
    }
    return out;
  }

  /**
   * Erasure: the ledger's link from a number to this person is removed. Their released
   * contributions stay, under a number nothing leads to, so the figures already shown, and the
   * rule that keeps a departure from singling out a rating, stay true.
   */
  async unlinkIn(at: { cycle: string; release: number }, personId: string): Promise<void> {
    const key = personId.toLowerCase();
    const ledger = await this.readLedger(at.cycle, at.release);
    if (!ledger || !ledger.people.includes(key)) return;
    await this.writeLedger({ ...ledger, people: ledger.people.map((id) => (id === key ? null : id)) });
  }
}
