import os from 'node:os';
import { parseArgs } from 'node:util';
import { startAzurite } from '../scripts/lib/processes';
import { loadDomainData } from '../src/data/loadDomainData';
import { groupsWithCompetences } from '../src/domain/catalogue';
import { rolesOf } from '../src/domain/org';
import type { StepAnswer } from '../src/domain/preparation';
import { runLimited } from '../src/storage/orgRepository';
import { importOrganisationFile } from '../src/services/orgImport';
import { departmentOverview, gapSummary } from '../src/services/gaps';
import type { Member } from '../src/services/identity';
import { openStorage } from '../src/storage';
import { peakRssOf } from './procStats';

/**
 * Aggregation benchmark (issue 6): the municipality-wide summary for N employees × 10 ratings on
 * Azurite, against one raw scan of the same entities (the floor). `npm run bench:aggregate`.
 */
const { values: args } = parseArgs({
  options: {
    employees: { type: 'string', default: '25000' },
    departments: { type: 'string', default: '250' },
    repeat: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
  },
});
const employees = Number(args.employees);
const departments = Number(args.departments);
const repeat = Number(args.repeat);
const concurrency = Number(args.concurrency);
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);

const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const repos = await openStorage({ kind: 'connectionString', connectionString: azurite.connectionString }, 'benchagg');
    const data = await loadDomainData();
    const cycle = String(new Date().getUTCFullYear());

    // The organisation: 10 areas, each with its departments; employees spread over them; one HR.
    const lines = ['type,id,name,email,department,parent,job_group,leader_of,hr_admin,language'];
    for (let a = 0; a < 10; a++) lines.push(`department,area-${a},Område ${a},,,,,,,`);
    for (let d = 0; d < departments; d++) lines.push(`department,dept-${d},Afdeling ${d},,,area-${d % 10},,,,`);
    lines.push(`person,${id(0)},HR Person,hr@bench.dk,area-0,,HR,,true,da`);
    for (let p = 1; p <= employees; p++) lines.push(`person,${id(p)},Medarbejder ${p},m${p}@bench.dk,dept-${p % departments},,${['SSA', 'SSH', 'SPL'][p % 3]},,,`);
    const importStarted = Date.now();
    const imported = await importOrganisationFile(repos, lines.join('\n'));
    const importSeconds = (Date.now() - importStarted) / 1000;
    console.log(`imported ${employees} employees in ${importSeconds.toFixed(1)} s`);
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 3)));

    // Ratings: every employee rates the 9 competences (3 steps); one in ten also has a leader's
    // rating. Written as the bot's own rows (PreparationRepository.writeWhole), one transaction per
    // person, a bounded number in flight: the setup is not what is measured.
    const groups = groupsWithCompetences(data.competenceModel, 'employee');
    const at = new Date().toISOString();
    const writeStarted = Date.now();
    let written = 0;
    await runLimited(Array.from({ length: employees }, (_, i) => i + 1), concurrency, async (p) => {
      const answers = new Map<string, StepAnswer>(groups.map((group) => [
        `rating-${group.id}`,
        { kind: 'rating', ratings: Object.fromEntries(group.competences.map((c, k) => [c.id, 1 + ((p + k) % 5)])) },
      ]));
      await repos.preparations.writeWhole(id(p), {
        header: { type: 'header', cycle, departmentId: `dept-${p % departments}`, version: groups.length, completedSteps: [...answers.keys()], startedAt: at, updatedAt: at },
        answers,
        ...(p % 10 === 0 ? { leaderRating: { type: 'leader-rating', leaderId: 'leader', ratings: { samarbejdskompetence: 3 }, updatedAt: at } } : {}),
      });
      if (++written % 5000 === 0) console.log(`wrote ${written} preparations (${((Date.now() - writeStarted) / 1000).toFixed(0)} s)`);
    });
    const writeSeconds = (Date.now() - writeStarted) / 1000;

    const hr = (await repos.org.getPerson(id(0)))!;
    const member: Member = { person: hr, department: undefined, leads: [], roles: rolesOf(hr), locale: 'da', welcomePending: false };
    const timed = async <T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> => {
      const started = performance.now();
      const result = await work();
      return { seconds: (performance.now() - started) / 1000, result };
    };
    // Alternating, so that the machine's other work falls on all three alike.
    const scans: number[] = [];
    const summaries: number[] = [];
    const overviews: number[] = [];
    let entities = 0;
    let whole: Awaited<ReturnType<typeof gapSummary>> | undefined;
    let overview: Awaited<ReturnType<typeof departmentOverview>> = [];
    for (let r = 0; r < repeat; r++) {
      // The floor: one raw scan of every entity in the preparations table.
      const scan = await timed(async () => {
        let n = 0;
        for await (const _ of repos.tables.table('preparations').listEntities()) n++;
        return n;
      });
      entities = scan.result;
      scans.push(scan.seconds);
      const summary = await timed(() => gapSummary(repos, data, member, undefined, cycle, 5));
      whole = summary.result;
      summaries.push(summary.seconds);
      const perDepartment = await timed(() => departmentOverview(repos, data, member, cycle, 5));
      overview = perDepartment.result;
      overviews.push(perDepartment.seconds);
      console.log(`repetition ${r + 1}: scan ${scan.seconds.toFixed(2)} s, summary ${summary.seconds.toFixed(2)} s, overview ${perDepartment.seconds.toFixed(2)} s`);
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const spread = (values: number[]) => `median ${median(values).toFixed(2)} s (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
    const ratios = (values: number[]) => values.map((v, i) => v / scans[i]!);
    const ratioText = (values: number[]) =>
      `${(median(values) / median(scans)).toFixed(2)} × the floor (per repetition ${median(ratios(values)).toFixed(2)} ×, ${Math.min(...ratios(values)).toFixed(2)}–${Math.max(...ratios(values)).toFixed(2)})`;

    const rows: Array<[string, string]> = [
      ['machine', `${os.cpus().length} cores (${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}), Node ${process.version}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`],
      ['data', `${employees} employees × 10 ratings (9 self, 1 in 10 a leader's) in ${departments} departments under 10 areas; ${entities} entities in the table`],
      ['setup (not measured)', `organisation import ${importSeconds.toFixed(1)} s; ratings, one transaction per person, ${concurrency} in flight: ${writeSeconds.toFixed(1)} s`],
      ['repetitions', `${repeat}, each: scan, summary, overview`],
      ['raw scan of every entity (the floor)', spread(scans)],
      ['municipality gap summary (this and last cycle, anonymity over all groups)', `${spread(summaries)} = ${ratioText(summaries)}`],
      ['per-department overview (HR)', `${spread(overviews)} = ${ratioText(overviews)}`],
      ['shown', `municipality respondents ${whole?.respondents ?? 'hidden'}; ${overview.filter((d) => d.respondents !== undefined).length} of ${overview.length} departments`],
      ['peak RSS: bench process / Azurite', `${mb(peakRssOf(process.pid))} / ${mb(peakRssOf(azurite.process.pid))}`],
    ];
    console.log('\n| measure | value |\n|---|---|');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
