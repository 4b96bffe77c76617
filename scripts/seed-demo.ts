/**
 * `npm run seed:demo`: loads Demokommune, a fictitious municipality (4 departments, 27 people, one
 * HR admin) whose people match the Agents Playground's mock users (.m365agentsplayground.yml and
 * playground/*.yml), so that a newcomer can act as an employee, a leader or HR — and a year of
 * use in it (scripts/lib/demoYear.ts): preparations, ratings over two cycles, shared
 * preparations, an approved plan, a posted gap summary with votes, a GRUS. Never on production.
 */
import { seedDemo } from './lib/demo';
import { seedDemoYear } from './lib/demoYear';
import { loadDomainData } from '../src/data/loadDomainData';
import { openStorage } from '../src/storage';
import { storageForScript } from './lib/localStorage';

async function main(): Promise<void> {
  const { config, storage, release } = await storageForScript();
  try {
    const repos = await openStorage(storage, config.tablePrefix);
    const summary = await seedDemo(repos);
    console.log(`Demokommune: ${summary.departments} afdelinger og ${summary.people} personer er indlæst.`);
    const year = await seedDemoYear(repos, await loadDomainData(config.dataDir));
    console.log(year === 'already-loaded'
      ? 'Demoåret var allerede indlæst.'
      : `Demoåret: ${year.prepared.current} har forberedt sig i ${year.cycles.current} og ${year.prepared.last} i ${year.cycles.last}, ${year.shared} har delt med deres leder, en udviklingsplan er godkendt, et kompetencegab er delt og stemt om, en GRUS er besvaret.`);
  } finally {
    await release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
