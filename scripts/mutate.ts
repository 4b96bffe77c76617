import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';
import { mutationModules } from './mutationModules';

/**
 * `npm run mutate [name …]`: StrykerJS over the modules in scripts/mutationModules.ts (all, or
 * those named, in the order named), one module at a time so that each mutant runs only that module's tests. Prints
 * and writes (reports/mutation/summary.md) the mutation score per module, and lists every
 * surviving mutant. A measured report, not a gate: it does not fail on a low score.
 */
const wanted = process.argv.slice(2);
const modules = wanted.length ? wanted.flatMap((name) => mutationModules.filter((m) => m.name === name)) : mutationModules;
if (modules.length === 0) {
  console.error(`No such module. Known: ${mutationModules.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const reports = path.join(projectRoot, 'reports/mutation');
mkdirSync(reports, { recursive: true });

interface Mutant { status: string; mutatorName: string; replacement?: string; location: { start: { line: number; column: number } } }
type Counts = Record<'killed' | 'survived' | 'timeout' | 'noCoverage' | 'other', number>;

const rows: string[] = [];
for (const module of modules) {
  const report = path.join(reports, module.name);
  const run = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, ...module.env, MUTATION_MUTATE: module.mutate, MUTATION_TESTS: module.tests.join(','), MUTATION_REPORT: path.relative(projectRoot, report) },
  });
  if (run.status !== 0) {
    rows.push(`| ${module.name} | \`${module.mutate}\` | failed to run (exit ${run.status}) | | |`);
    continue;
  }
  const json = JSON.parse(readFileSync(`${report}.json`, 'utf8')) as { files: Record<string, { mutants: Mutant[] }> };
  const counts: Counts = { killed: 0, survived: 0, timeout: 0, noCoverage: 0, other: 0 };
  const survivors: string[] = [];
  for (const [file, { mutants }] of Object.entries(json.files)) {
    for (const m of mutants) {
      const key = (['Killed', 'Survived', 'Timeout', 'NoCoverage'].includes(m.status) ? m.status[0]!.toLowerCase() + m.status.slice(1) : 'other') as keyof Counts;
      counts[key]++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}`);
    }
  }
  const detected = counts.killed + counts.timeout;
  const valid = detected + counts.survived + counts.noCoverage;
  const score = valid ? ((100 * detected) / valid).toFixed(1) : 'n/a';
  rows.push(`| ${module.name} | \`${module.mutate}\` | ${score} % | ${detected} / ${valid} | ${counts.survived + counts.noCoverage} |`);
  if (survivors.length) console.log(`\nSurviving mutants in ${module.name}:\n${survivors.map((s) => `  ${s}`).join('\n')}`);
}
const table = ['| module | mutated | score | detected / valid mutants | survived |', '|---|---|---|---|---|', ...rows].join('\n');
writeFileSync(path.join(reports, 'summary.md'), `${table}\n`);
console.log(`\n${table}`);
