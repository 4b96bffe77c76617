import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths';
import { tableName, tableRoles } from '../../src/storage/tables';

// docs/privacy.md (Danish) and docs/privacy.en.md are what a DPIA starts from: they must name
// every table the bot stores data in, so that a new table cannot go undocumented.

const docs = { da: 'docs/privacy.md', en: 'docs/privacy.en.md' } as const;
const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

describe.each(Object.entries(docs))('%s privacy document', (_language, file) => {
  const text = read(file);

  it('describes every table of src/storage/tables.ts', () => {
    for (const role of tableRoles) expect(text, role).toContain(`\`${tableName('', role)}\``);
  });

  it('names the lawful bases, Microsoft as processor, and the rights', () => {
    for (const needle of ['6, stk. 1, litra e', '6, stk. 1, litra c', 'art. 88', '§ 12', 'Azure Bot Service', 'Azure Table Storage', 'Azure App Service', 'mine data', 'RETENTION_YEARS', 'ANONYMITY_THRESHOLD']) {
      const wanted = file === docs.en ? needle.replace('6, stk. 1, litra e', '6(1)(e)').replace('6, stk. 1, litra c', '6(1)(c)') : needle;
      expect(text, wanted).toContain(wanted);
    }
  });

  it('explains the published figures: releases, the ledger, and what erasure removes', () => {
    expect(text).toMatch(/## 10\. .*\(issue 14\)\n/);
    for (const needle of file === docs.en ? ['ledger', 'release', 'Erasure'] : ['fortegnelse', 'udgivelse', 'Sletning']) expect(text, needle).toContain(needle);
  });
});
