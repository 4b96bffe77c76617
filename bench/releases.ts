import os from 'node:os';
import { parseArgs } from 'node:util';
import { startAzurite } from '../scripts/lib/processes';
import { loadDomainData } from '../src/data/loadDomainData';
import { groupsWithCompetences } from '../src/domain/catalogue';
import { rolesOf } from '../src/domain/org';
import type { StepAnswer } from '../src/domain/preparation';
import { runLimited } from '../src/storage/orgRepository';
import { importOrganisationFile } from '../src/services/orgImport';
import { gapSummary, municipalityView } from '../src/services/gaps';
import type { Member } from '../src/services/identity';
import { requireMember } from '../src/services/identity';
import { publishReleases } from '../src/services/releases';
import { openStorage } from '../src/storage';
import { peakRssOf } from './procStats';

/**
 * Released figures (issue 14), at N employees × 10 ratings on Azurite, each measure against its
 * floor in the same run, alternating so the machine's other work falls on all alike:
 * - a release (this and last cycle: one read of the ratings, people and departments, the rules,
 *   the writes) against one raw scan of the ratings table;
 * - opening a department's gap summary (as its leader, and as HR) and HR's municipality view
 *   (overview and the municipality's summary) against one point read of the same account.
 * Between repetitions 2 % of the employees change a rating (not timed), so each release has work.
 * `npm run bench:releases -- --sizes 5000,25000`.
 */
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5000,25000' },
    departments: { type: 'string', default: '250' },
    repeat: { type: 'string', default: '5' },
    reads: { type: 'string', default: '25' },
    concurrency: { type: 'string', default: '16' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const repeat = Number(args.repeat);
const reads = Number(args.reads);
const concurrency = Number(args.concurrency);
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

async function benchOne(connectionString: string, employees: number): Promise<Array<[string, string]>> {
  const departments = Math.max(10, Math.round(Number(args.departments) * employees / 25_000));
  const repos = await openStorage({ kind: 'connectionString', connectionString }, `benchrel${employees}`);
  const data = await loadDomainData();
  const now = new Date();
  const cycle = String(now.getUTCFullYear());
  const lastCycle = String(now.getUTCFullYear() - 1);

  // The organisation: 10 areas, each with its departments; employees spread over them; one HR
  // person; employee 1 leads dept-1.
  const lines = ['type,id,name,email,department,parent,job_group,leader_of,hr_admin,language'];
  for (let a = 0; a < 10; a++) lines.push(`department,area-${a},Område ${a},,,,,,,`);
  for (let d = 0; d < departments; d++) lines.push(`department,dept-${d},Afdeling ${d},,,area-${d % 10},,,,`);
  lines.push(`person,${id(0)},HR Person,hr@bench.dk,area-0,,HR,,true,da`);
  for (let p = 1; p <= employees; p++) lines.push(`person,${id(p)},Medarbejder ${p},m${p}@bench.dk,dept-${p % departments},,${['SSA', 'SSH', 'SPL'][p % 3]},${p === 1 ? 'dept-1' : ''},,`);
  const importStarted = Date.now();
  const imported = await importOrganisationFile(repos, lines.join('\n'));
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 3)));
  const importSeconds = (Date.now() - importStarted) / 1000;

  // Ratings of this cycle and the last: 9 self-ratings in 3 steps, one in ten also a leader's;
  // the bot's own rows, one transaction per person and cycle (setup, not measured).
  const groups = groupsWithCompetences(data.competenceModel, 'employee');
  const writeRatings = async (p: number, inCycle: string, shift: number) => {
    const at = new Date().toISOString();
    const answers = new Map<string, StepAnswer>(groups.map((group) => [
      `rating-${group.id}`,
      { kind: 'rating', ratings: Object.fromEntries(group.competences.map((c, k) => [c.id, 1 + ((p + k + shift) % 5)])) },
    ]));
    await repos.preparations.writeWhole(id(p), {
      header: { type: 'header', cycle: inCycle, departmentId: `dept-${p % departments}`, version: groups.length, completedSteps: [...answers.keys()], startedAt: at, updatedAt: at },
      answers,
      ...(p % 10 === 0 ? { leaderRating: { type: 'leader-rating', leaderId: id(1), ratings: { samarbejdskompetence: 3 }, updatedAt: at } } : {}),
    });
  };
  const writeStarted = Date.now();
  await runLimited(Array.from({ length: employees }, (_, i) => i + 1), concurrency, async (p) => {
    await writeRatings(p, cycle, 0);
    await writeRatings(p, lastCycle, 1);
  });
  const writeSeconds = (Date.now() - writeStarted) / 1000;
  let entities = 0;
  for await (const _ of repos.tables.table('preparations').listEntities()) entities++;

  const release = () => publishReleases(repos, data, { now: new Date(), threshold: 5, trigger: 'asked', owner: 'bench', cycle });
  const firstStarted = Date.now();
  await release();
  const firstSeconds = (Date.now() - firstStarted) / 1000;

  const hrPerson = (await repos.org.getPerson(id(0)))!;
  const hr: Member = { person: hrPerson, department: undefined, leads: [], roles: rolesOf(hrPerson), locale: 'da', welcomePending: false };
  const leader = await requireMember(repos, id(1), 'da-DK');
  const scans: number[] = [];
  const releases: number[] = [];
  const releaseRatios: number[] = [];
  const pointReads: number[] = [];
  const views = { leader: [] as number[], hr: [] as number[], municipality: [] as number[] };
  const viewRatios = { leader: [] as number[], hr: [] as number[], municipality: [] as number[] };
  let fresh = 0;
  for (let r = 0; r < repeat; r++) {
    // 2 % of the employees change their ratings: the next release has figures to renew.
    const changed = Array.from({ length: Math.ceil(employees / 50) }, (_, i) => 1 + ((r * 7919 + i * 53) % employees));
    await runLimited(changed, concurrency, (p) => writeRatings(p, cycle, r + 2));

    const scan = await timed(async () => {
      for await (const _ of repos.tables.table('preparations').listEntities()) { /* every entity, as the floor */ }
    });
    let report: Awaited<ReturnType<typeof release>> = [];
    const made = await timed(async () => { report = await release(); });
    fresh += report.reduce((n, x) => n + x.fresh, 0);
    scans.push(scan);
    releases.push(made);
    releaseRatios.push(made / scan);

    // Point reads and views, interleaved one by one.
    const floor: number[] = [];
    const each = { leader: [] as number[], hr: [] as number[], municipality: [] as number[] };
    for (let k = 0; k < reads; k++) {
      floor.push(await timed(() => repos.org.getPerson(id(2 + k))));
      each.leader.push(await timed(() => gapSummary(repos, data, leader, 'dept-1', cycle, 5)));
      each.hr.push(await timed(() => gapSummary(repos, data, hr, 'dept-1', cycle, 5)));
      each.municipality.push(await timed(() => municipalityView(repos, data, hr, cycle, 5)));
    }
    const floorMedian = median(floor);
    pointReads.push(floorMedian);
    for (const key of ['leader', 'hr', 'municipality'] as const) {
      views[key].push(median(each[key]));
      viewRatios[key].push(median(each[key]) / floorMedian);
    }
    console.log(`${employees}: repetition ${r + 1}: scan ${(scan / 1000).toFixed(2)} s, release ${(made / 1000).toFixed(2)} s, point read ${floorMedian.toFixed(1)} ms, leader ${median(each.leader).toFixed(1)} ms, HR ${median(each.hr).toFixed(1)} ms, municipality ${median(each.municipality).toFixed(1)} ms`);
  }
  const ms = (values: number[]) => `median ${median(values).toFixed(1)} ms (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
  const s = (values: number[]) => `median ${(median(values) / 1000).toFixed(2)} s (${(Math.min(...values) / 1000).toFixed(2)}–${(Math.max(...values) / 1000).toFixed(2)})`;
  const ratio = (values: number[]) => `**${median(values).toFixed(2)} ×** (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
  const summary = await gapSummary(repos, data, hr, 'dept-1', cycle, 5);
  await repos.tables.dropTables();
  return [
    ['data', `${employees} employees × 10 ratings (9 self, 1 in 10 a leader's) in ${departments} departments under 10 areas, this cycle and the last; ${entities} entities in the preparations table`],
    ['setup (not measured)', `organisation import ${importSeconds.toFixed(1)} s; ratings ${writeSeconds.toFixed(1)} s; first release ${firstSeconds.toFixed(1)} s`],
    ['raw scan of the ratings table (floor of a release)', s(scans)],
    ['a release (this and last cycle), 2 % changed since the one before', `${s(releases)}; ${fresh} new figures over ${repeat} releases`],
    ['**release ÷ raw scan** (per repetition)', ratio(releaseRatios)],
    ['one point read (floor of a view; median of each repetition\'s ' + reads + ')', ms(pointReads)],
    ['department gap summary, as its leader', ms(views.leader)],
    ['department gap summary, as HR', ms(views.hr)],
    ['municipality view (HR: overview + the municipality\'s summary)', ms(views.municipality)],
    ['**leader\'s summary ÷ point read**', ratio(viewRatios.leader)],
    ['**HR\'s summary ÷ point read**', ratio(viewRatios.hr)],
    ['**municipality view ÷ point read**', ratio(viewRatios.municipality)],
    ['shown', `dept-1: ${summary.answered} have rated; ${summary.lines.filter((l) => l.figure).length} of ${summary.lines.length} competences with figures`],
  ];
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const tables: Array<[number, Array<[string, string]>]> = [];
    for (const size of sizes) tables.push([size, await benchOne(azurite.connectionString, size)]);
    console.log(`\nmachine: ${os.cpus().length} cores (${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}), Node ${process.version}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}; peak RSS bench / Azurite ${mb(peakRssOf(process.pid))} / ${mb(peakRssOf(azurite.process.pid))}`);
    for (const [size, rows] of tables) {
      console.log(`\n### ${size} employees\n\n| measure | value |\n|---|---|`);
      for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
    }
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
