import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';
import { type MutationModule, mutationModules } from './mutationModules';

/**
 * `npm run mutate [name …]`: StrykerJS over the modules in scripts/mutationModules.ts (all, or
 * those named, in the order named), one module at a time so that each mutant runs only that
 * module's tests. Then prints and writes (reports/mutation/summary.md) the mutation score of every
 * module that has a report — this run's and earlier ones' — and lists every surviving mutant. A
 * measured report, not a gate: it does not fail on a low score.
 */
const wanted = process.argv.slice(2);
const modules = wanted.length ? wanted.flatMap((name) => mutationModules.filter((m) => m.name === name)) : mutationModules;
if (modules.length === 0) {
  console.error(`No such module. Known: ${mutationModules.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const reports = path.join(projectRoot, 'reports/mutation');
mkdirSync(reports, { recursive: true });
const reportOf = (module: MutationModule) => path.join(reports, module.name);

const failed = new Set<string>();
for (const module of modules) {
  const run = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, ...module.env, MUTATION_MUTATE: module.mutate, MUTATION_TESTS: module.tests.join(','), MUTATION_REPORT: path.relative(projectRoot, reportOf(module)) },
  });
  if (run.status !== 0) failed.add(module.name);
}

interface Mutant { status: string; mutatorName: string; replacement?: string; location: { start: { line: number; column: number } } }

/** The score of one module's latest report, and its surviving mutants. */
function scoreOf(module: MutationModule): { row: string; survivors: string[] } | undefined {
  if (failed.has(module.name)) return { row: `| ${module.name} | \`${module.mutate}\` | failed to run | |`, survivors: [] };
  if (!existsSync(`${reportOf(module)}.json`)) return undefined;
  const json = JSON.parse(readFileSync(`${reportOf(module)}.json`, 'utf8')) as { files: Record<string, { mutants: Mutant[] }> };
  let detected = 0;
  let undetected = 0;
  const survivors: string[] = [];
  for (const [file, { mutants }] of Object.entries(json.files)) {
    for (const m of mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') detected++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        undetected++;
        survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}`);
      }
    }
  }
  const valid = detected + undetected;
  const score = valid ? `${((100 * detected) / valid).toFixed(1)} %` : 'n/a';
  return { row: `| ${module.name} | \`${module.mutate}\` | ${score} | ${detected} / ${valid} |`, survivors };
}

const scored = mutationModules.flatMap((module) => {
  const result = scoreOf(module);
  return result ? [{ module, ...result }] : [];
});
for (const { module, survivors } of scored) {
  if (survivors.length) console.log(`\nSurviving mutants in ${module.name}:\n${survivors.map((s) => `  ${s}`).join('\n')}`);
}
const table = ['| module | mutated | score | detected / valid mutants |', '|---|---|---|---|', ...scored.map((s) => s.row)].join('\n');
writeFileSync(path.join(reports, 'summary.md'), `${table}\n`);
console.log(`\n${table}`);
