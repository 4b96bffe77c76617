import os from 'node:os';
import { parseArgs } from 'node:util';
import { startAzurite } from '../scripts/lib/processes';
import { loadDomainData } from '../src/data/loadDomainData';
import { groupsWithCompetences } from '../src/domain/catalogue';
import { rolesOf } from '../src/domain/org';
import { runLimited } from '../src/storage/orgRepository';
import { importOrganisationFile } from '../src/services/orgImport';
import { departmentOverview, gapSummary } from '../src/services/gaps';
import type { Member } from '../src/services/identity';
import { openStorage } from '../src/storage';

/**
 * Aggregation benchmark (issue 6): the municipality-wide summary for N employees × 10 ratings on
 * Azurite, against one raw scan of the same entities (the floor). `npm run bench:aggregate`.
 */
const { values: args } = parseArgs({ options: { employees: { type: 'string', default: '25000' }, departments: { type: 'string', default: '250' } } });
const employees = Number(args.employees);
const departments = Number(args.departments);
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
    const imported = await importOrganisationFile(repos, lines.join('\n'));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 3)));

    // Ratings: every employee rates the 9 competences (3 steps); one in ten also has a leader's rating.
    const groups = groupsWithCompetences(data.competenceModel, 'employee');
    const writeStarted = Date.now();
    await runLimited(Array.from({ length: employees }, (_, i) => i + 1), 64, async (p) => {
      let prep = await repos.preparations.start(id(p), cycle, `dept-${p % departments}`);
      for (const group of groups) {
        const header = await repos.preparations.saveStep(id(p), prep, `rating-${group.id}`, { kind: 'rating', ratings: Object.fromEntries(group.competences.map((c, k) => [c.id, 1 + ((p + k) % 5)])) }, true);
        prep = { ...prep, header, etag: (await repos.preparations.load(id(p), cycle))!.etag };
      }
      if (p % 10 === 0) await repos.preparations.saveLeaderRating(id(p), cycle, 'leader', { samarbejdskompetence: 3 });
    });
    const writeSeconds = (Date.now() - writeStarted) / 1000;

    // The floor: one raw scan of every entity in the preparations table.
    const scanStarted = Date.now();
    let entities = 0;
    for await (const _ of repos.tables.table('preparations').listEntities()) entities++;
    const scanSeconds = (Date.now() - scanStarted) / 1000;

    const hr = (await repos.org.getPerson(id(0)))!;
    const member: Member = { person: hr, department: undefined, leads: [], roles: rolesOf(hr), locale: 'da' };
    const summaryStarted = Date.now();
    const whole = await gapSummary(repos, data, member, undefined, cycle, 5);
    const summarySeconds = (Date.now() - summaryStarted) / 1000;
    const overviewStarted = Date.now();
    const overview = await departmentOverview(repos, data, member, cycle, 5);
    const overviewSeconds = (Date.now() - overviewStarted) / 1000;

    const rows: Array<[string, string]> = [
      ['machine', `${os.cpus().length} cores (${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}), Node ${process.version}`],
      ['data', `${employees} employees × 10 ratings (9 self, 1 in 10 a leader's) in ${departments} departments under 10 areas; ${entities} entities in the table`],
      ['writing the ratings (setup, not measured)', `${writeSeconds.toFixed(1)} s`],
      ['raw scan of every entity (the floor)', `${scanSeconds.toFixed(2)} s`],
      ['municipality gap summary (this and last cycle, anonymity over all groups)', `${summarySeconds.toFixed(2)} s = ${(summarySeconds / scanSeconds).toFixed(2)} × the floor`],
      ['per-department overview (HR)', `${overviewSeconds.toFixed(2)} s = ${(overviewSeconds / scanSeconds).toFixed(2)} × the floor`],
      ['shown', `municipality respondents ${whole.respondents ?? 'hidden'}; ${overview.filter((d) => d.respondents !== undefined).length} of ${overview.length} departments`],
      ['peak RSS', `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB (at the end)`],
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
