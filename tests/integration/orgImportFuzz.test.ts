import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisationFile } from '../../scripts/lib/demo';
import { importOrganisationFile } from '../../src/services/orgImport';
import type { TableRole } from '../../src/storage/tables';
import { testRepositories } from '../support/storage';
import { snapshotTables } from '../support/tableSnapshot';

// Broken organisation files, generated: the import answers with a list of problems (each with
// its line, in Danish and English), never crashes, and writes nothing at all.

let repos: Awaited<ReturnType<typeof testRepositories>>;
let demoLines: string[];
const otherTables: TableRole[] = ['conversations', 'preferences', 'preparations', 'questionSets', 'profiles', 'rounds', 'plans', 'schedule', 'aarshjul', 'outbox', 'outboxBatches', 'deadLetters', 'deliveryStates', 'postings', 'groupConversations', 'actionPlans', 'activities'];

beforeAll(async () => {
  repos = await testRepositories();
  const demo = await readFile(demoOrganisationFile, 'utf8');
  demoLines = demo.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
  expect((await importOrganisationFile(repos, demo)).ok).toBe(true);
});

const mette = '0d1e2f30-0000-4000-8000-000000000001';
// Mette's line, by position: an earlier mutation may have changed her id or name.
const metteLine = (_lines: string[]) => demoLines.findIndex((l) => l.includes(mette));
const replaceIn = (lines: string[], index: number, from: string | RegExp, to: string) => lines.map((l, i) => (i === index ? l.replace(from, to) : l));

/** Each mutation breaks the file on its own. */
const mutations: Array<fc.Arbitrary<(lines: string[]) => string[]>> = [
  fc.constant((lines) => [...lines, lines[metteLine(lines)]!]), // the same person twice
  fc.constant((lines) => [...lines, lines.find((l) => l.startsWith('department,'))!]), // the same department twice
  fc.constantFrom('mette.jensen(at)demokommune.dk', 'mette@', '@demokommune.dk', 'mette jensen@demokommune.dk').map((bad) => (lines: string[]) => replaceIn(lines, metteLine(lines), 'mette.jensen@demokommune.dk', bad)),
  fc.constant((lines) => lines.map((l) => (l.startsWith('department,social-sundhed,') ? 'department,social-sundhed,Social og Sundhed,,,hjemmeplejen-nord,,,,' : l))), // a cycle of parents
  fc.constantFrom('type,ident,name', 'typ,id,name', 'type,id').map((header) => (lines: string[]) => [lines[0]!.replace('type,id,name', header), ...lines.slice(1)]), // wrong columns
  fc.constant((lines) => replaceIn(lines, metteLine(lines), ',hjemmeplejen-nord,', ',findes-ikke,')), // an unknown department
  fc.integer({ min: 201, max: 100_000 }).map((n) => (lines: string[]) => replaceIn(lines, metteLine(lines), 'Mette Jensen', 'M'.repeat(n))), // a huge line
  fc.constantFrom('robot', '', 'p e r s o n').map((type) => (lines: string[]) => replaceIn(lines, metteLine(lines), /^person/, type)), // a bad row type
  fc.constantFrom('not-a-guid', '0d1e2f30', '../../etc/passwd').map((id) => (lines: string[]) => replaceIn(lines, metteLine(lines), mette, id)), // a bad Entra id
];

/** Changes that must not matter: a BOM, Windows line endings, trailing blank lines. */
const noise = fc.record({ bom: fc.boolean(), crlf: fc.boolean(), blankLines: fc.nat(3) });
const render = (lines: string[], n: { bom: boolean; crlf: boolean; blankLines: number }) =>
  (n.bom ? '\uFEFF' : '') + [...lines, ...Array<string>(n.blankLines).fill('')].join(n.crlf ? '\r\n' : '\n') + (n.crlf ? '\r\n' : '\n');

function expectClearProblems(problems: Array<{ line: number; message: { da: string; en: string } }>, lineCount: number) {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.line).toBeGreaterThanOrEqual(0);
    expect(p.line).toBeLessThanOrEqual(lineCount + 1);
    expect(p.message.da.trim()).not.toBe('');
    expect(p.message.en.trim()).not.toBe('');
    // A problem names what is wrong; it does not echo a 100k-character line back.
    expect(p.message.da.length).toBeLessThan(2_000);
  }
}

describe('importing generated broken organisation files', () => {
  it('when only a BOM, Windows line endings or blank lines are added, then the file is still accepted', async () => {
    await fc.assert(
      fc.asyncProperty(noise, async (n) => {
        expect((await importOrganisationFile(repos, render(demoLines, n))).ok).toBe(true);
      }),
      { numRuns: 6 },
    );
  });

  it('when a file has one or more problems, then every problem is listed with its line and nothing at all is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 }), noise, async (chosen, n) => {
        const lines = chosen.reduce((acc, mutate) => mutate(acc), demoLines);
        const before = await snapshotTables(repos.prefix, otherTables);
        const result = await importOrganisationFile(repos, render(lines, n));
        expect(result.ok).toBe(false);
        if (!result.ok) expectClearProblems(result.problems, lines.length);
        expect(await snapshotTables(repos.prefix, otherTables)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('when the file is arbitrary text, then the import never crashes, and a refused file writes nothing', async () => {
    const csvish = fc.array(fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('person', 'department', mette, 'hjemmeplejen-nord', '"', '""', ';')), { maxLength: 11 }).map((cells) => cells.join(',')), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), csvish.map((rows) => [demoLines[0]!, ...rows].join('\n'))), async (text) => {
        const before = await snapshotTables(repos.prefix, otherTables);
        const result = await importOrganisationFile(repos, text, { partial: true });
        if (!result.ok) {
          expectClearProblems(result.problems, text.split('\n').length);
          expect(await snapshotTables(repos.prefix, otherTables)).toEqual(before);
        }
      }),
      { numRuns: 40 },
    );
  });
});
