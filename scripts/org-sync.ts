/**
 * `npm run org:sync [-- --rules <mapping.json>] [--lang en]`
 * Reads the organisation from Entra ID through Microsoft Graph (every user the first time, then
 * only the changes) and imports it by the mapping rules. All or nothing: a run with any problem
 * changes nothing and lists every problem. Needs Graph credentials (README, "Microsoft Graph").
 */
import path from 'node:path';
import { localeFromTeams } from '../src/domain/i18n';
import { createGraphClient } from '../src/graph';
import { loadEntraMapping, syncFromEntra } from '../src/services/entraSync';
import { openStorage } from '../src/storage';
import { runMain, withScriptStorage } from './lib/localStorage';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
  const locale = localeFromTeams(option('--lang') ?? process.env.LANG);
  const say = (da: string, en: string) => (locale === 'en' ? en : da);
  return withScriptStorage(async (config, storage) => {
    if (!config.graph) {
      console.error(say(
        'Microsoft Graph er ikke sat op: angiv GRAPH_CLIENT_SECRET (eller BOT_ID, BOT_TENANT_ID og BOT_PASSWORD), eller kør med en managed identity.',
        'Microsoft Graph is not configured: set GRAPH_CLIENT_SECRET (or BOT_ID, BOT_TENANT_ID and BOT_PASSWORD), or run with a managed identity.',
      ));
      return 2;
    }
    const rules = option('--rules');
    const mapping = await loadEntraMapping(rules ? path.resolve(rules) : config.entraSync?.mappingFile ?? path.join(config.dataDir, 'entra-mapping.json'));
    const repos = await openStorage(storage, config.tablePrefix);
    const report = await syncFromEntra({ repos, graph: createGraphClient(config.graph), mapping, now: () => new Date(), owner: `org-sync:${process.pid}` });
    switch (report.outcome) {
      case 'busy':
        console.error(say('En anden synkronisering kører lige nu. Prøv igen om lidt.', 'Another sync is running right now. Try again in a moment.'));
        return 1;
      case 'refused':
        console.error(say('Intet blev ændret. Fejl i Entra ID:', 'Nothing was changed. Problems in Entra ID:'));
        for (const p of report.problems) console.error(`  - ${p.message[locale]}`);
        return 1;
      case 'imported': {
        const s = report.summary;
        const k = report.skipped;
        console.log(say(
          `${report.full ? 'Fuld' : 'Ændrings'}synkronisering (${report.changes} ændringer i Entra ID): ${s.departments} afdelinger og ${s.people} personer; ${s.deactivated} er markeret som inaktive (deres data er bevaret). Udeladt: ${k.disabled} deaktiverede konti, ${k.guests} gæster, ${k.noDepartment} uden afdeling, ${k.outOfScope} uden for gruppen.`,
          `${report.full ? 'Full' : 'Delta'} sync (${report.changes} changes in Entra ID): ${s.departments} departments and ${s.people} people; ${s.deactivated} marked inactive (their data is kept). Left out: ${k.disabled} disabled accounts, ${k.guests} guests, ${k.noDepartment} without a department, ${k.outOfScope} outside the group.`,
        ));
        return 0;
      }
    }
  });
}

runMain(main);
