/**
 * `npm run tables:backup -- <file>`: writes every table to a JSON Lines file (scripts/lib/tableBackup.ts).
 * `npm run tables:restore -- <file> [--replace]`: puts a backup back (see infra/README.md,
 * "Backup and restore of the tables", before using it on production).
 *
 * Storage as for the other scripts: STORAGE_ACCOUNT_URL (signed in with `az login`, with Storage
 * Table Data Reader for a backup, Contributor for a restore) or STORAGE_CONNECTION_STRING, else
 * npm start's Azurite. The file holds personal data: keep it encrypted, and delete it when the
 * backup period the municipality has set runs out (docs/privacy.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { openStorage } from '../src/storage';
import { readAppVersion } from '../src/version';
import { storageForScript } from './lib/localStorage';
import { backupTables, restoreTables } from './lib/tableBackup';

async function main(): Promise<void> {
  const [command, file, ...flags] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    throw new Error('usage: npm run tables:backup -- <file> | npm run tables:restore -- <file> [--replace]');
  }
  const { config, storage, release } = await storageForScript();
  try {
    const repos = await openStorage(storage, config.tablePrefix);
    if (command === 'backup') {
      const lines: string[] = [];
      const header = await backupTables(repos.tables, (line) => lines.push(line), readAppVersion(), new Date());
      writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
      console.log(`${header.rows} rows of ${header.tables.length} tables written to ${file} (taken ${header.takenAt}).`);
      return;
    }
    const report = await restoreTables(repos.tables, readFileSync(file, 'utf8').split('\n'), { replace: flags.includes('--replace') });
    console.log(`${report.restored} rows restored from the backup taken ${report.header.takenAt}.`);
    if (report.erasuresToRepeat.length > 0) {
      console.log(`\n${report.erasuresToRepeat.length} erasure(s) finished after the backup was taken: the people they erased are in the restored data again.`);
      for (const erasure of report.erasuresToRepeat) console.log(`  ${erasure.pseudonym}, erased ${erasure.finishedAt}`);
      console.log('HR must erase them again now (the bot keeps no record of who they were).');
    }
  } finally {
    await release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
