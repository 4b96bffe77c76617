/**
 * `npm run org:import -- <file.csv> [--partial] [--lang en]`
 * Imports departments and people (see src/domain/orgImport.ts for the columns). All or nothing:
 * a file with any problem writes nothing and every problem is listed with its line number.
 */
import { readFile } from 'node:fs/promises';
import { localeFromTeams } from '../src/domain/i18n';
import { importOrganisationFile } from '../src/services/orgImport';
import { openStorage } from '../src/storage';
import { runMain, withScriptStorage } from './lib/localStorage';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const langAt = args.indexOf('--lang');
  const locale = localeFromTeams(langAt >= 0 ? args[langAt + 1] : process.env.LANG);
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--lang');
  if (!file) {
    console.error(locale === 'en' ? 'Usage: npm run org:import -- <file.csv> [--partial]' : 'Brug: npm run org:import -- <fil.csv> [--partial]');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    console.error(locale === 'en' ? `Cannot read ${file}: ${(error as Error).message}` : `Kan ikke læse ${file}: ${(error as Error).message}`);
    return 1;
  }
  return withScriptStorage(async (config, storage) => {
    const repos = await openStorage(storage, config.tablePrefix);
    const result = await importOrganisationFile(repos, text, { partial: args.includes('--partial') });
    if (!result.ok) {
      console.error(locale === 'en' ? `${file}: nothing was imported. Problems:` : `${file}: intet blev importeret. Fejl:`);
      for (const p of result.problems) console.error(`  ${locale === 'en' ? 'line' : 'linje'} ${p.line}: ${p.message[locale]}`);
      return 1;
    }
    const s = result.summary;
    console.log(
      locale === 'en'
        ? `Imported ${s.departments} departments and ${s.people} people; ${s.deactivated} no longer listed were marked inactive (their data is kept).`
        : `Importerede ${s.departments} afdelinger og ${s.people} personer; ${s.deactivated}, der ikke længere står i filen, er markeret som inaktive (deres data er bevaret).`,
    );
    return 0;
  });
}

runMain(main);
