/**
 * `npm run seed:demo`: loads Demokommune, a fictitious municipality (3 departments, 24 people, one
 * HR admin) whose people match the Agents Playground's mock users (.m365agentsplayground.yml and
 * playground/*.yml), so that a newcomer can act as an employee, a leader or HR.
 */
import { seedDemo } from './lib/demo';
import { openStorage } from '../src/storage';
import { storageForScript } from './lib/localStorage';

async function main(): Promise<void> {
  const { config, storage, release } = await storageForScript();
  try {
    const repos = await openStorage(storage, config.tablePrefix);
    const summary = await seedDemo(repos);
    console.log(`Demokommune: ${summary.departments} afdelinger og ${summary.people} personer er indlæst.`);
  } finally {
    await release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
