/**
 * `npm run deploy:stage`: stages exactly what runs on App Service into `.deploy/app/` (and with
 * `-- --zip` zips it into `.deploy/kompetencebot.zip`):
 *
 *   dist/src/      the compiled bot (npm run build)
 *   cards/         the Adaptive Card templates, read at run time
 *   data/          the competence model, catalogue, årshjul and question bank (not data/demo/)
 *   package.json   the version, and how src/paths.ts finds the project root
 *   node_modules/  the production dependencies only, as installed here (npm ls --omit=dev),
 *                  without type declarations, TypeScript sources, source maps and Markdown
 *
 * No tests, benchmarks, scripts, sources, Playground, dev dependencies or local state. App Service
 * runs the zip as it is (WEBSITE_RUN_FROM_PACKAGE=1, infra/main.bicep): nothing is installed or
 * built on the server, so what was tested is what runs. The Agents Toolkit's deploy uploads the
 * folder (m365agents.yml); `az webapp deploy` the zip (infra/README.md).
 *
 * Usage: `npm run deploy:stage [-- --zip] [--no-build]`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, createWriteStream, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { projectRoot } from '../src/paths';

export const stagedTopLevel = ['cards', 'data', 'dist', 'node_modules', 'package.json'] as const;
/** Folders of data/ that are not the app's (the demo municipality is for `npm start`). */
const dataLeftOut = new Set(['demo']);

export interface StageOptions {
  /** Where the staged app goes; default `.deploy/app`. */
  outDir?: string;
  /** Compile first (npm run build); default true. */
  build?: boolean;
  /** Also zip the staged folder there (for `az webapp deploy`); the Toolkit zips the folder itself. */
  zipPath?: string;
}

const npm = (args: string[]) => execFileSync('npm', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });

/**
 * The folders of the installed production dependency tree, relative to the project root. `npm ls`
 * exits non-zero when the tree has "problems" while still listing every folder: botbuilder-dialogs
 * would delete nested copies of @microsoft/recognizers-text-number in its postinstall, which npm 11
 * does not run unless approved, and npm then calls those copies invalid. The folders are what is
 * installed either way, and what the bot loads.
 */
export function productionPackages(): string[] {
  let listed: string;
  try {
    listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stdout = (error as { stdout?: unknown }).stdout;
    if (typeof stdout !== 'string' || !stdout.trim()) throw error;
    listed = stdout;
  }
  const lines = listed.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.map((line) => path.relative(projectRoot, line)).filter((relative) => relative.startsWith('node_modules'));
}

/** Every file under `dir`, relative to it, with `/` separators, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

export async function stageDeployment(options: StageOptions = {}): Promise<{ dir: string; zipPath?: string }> {
  const dir = path.resolve(projectRoot, options.outDir ?? '.deploy/app');
  if (options.build !== false) npm(['run', 'build']);
  const entryPoint = path.join(projectRoot, 'dist/src/index.js');
  if (!existsSync(entryPoint)) throw new Error('dist/src/index.js is missing: run npm run build first');

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(projectRoot, 'dist/src'), path.join(dir, 'dist/src'), { recursive: true });
  cpSync(path.join(projectRoot, 'cards'), path.join(dir, 'cards'), { recursive: true, filter: (source) => !source.endsWith('.ts') });
  cpSync(path.join(projectRoot, 'data'), path.join(dir, 'data'), {
    recursive: true,
    filter: (source) => !dataLeftOut.has(path.relative(path.join(projectRoot, 'data'), source).split(path.sep)[0]!),
  });
  cpSync(path.join(projectRoot, 'package.json'), path.join(dir, 'package.json'));
  // Each package without its own node_modules (nested production packages are listed
  // themselves) and without what Node never loads (type declarations, TypeScript sources, source
  // maps, Markdown): a third of the files. Hard links where the file system allows: fast.
  for (const relative of productionPackages()) {
    linkTree(path.join(projectRoot, relative), path.join(dir, relative), (name, isDirectory) =>
      isDirectory ? name !== 'node_modules' : !notLoadedByNode.test(name));
  }

  const zipPath = options.zipPath === undefined ? undefined : path.resolve(projectRoot, options.zipPath);
  if (zipPath) await writeZip(dir, zipPath);
  return { dir, ...(zipPath ? { zipPath } : {}) };
}

/** Files of a dependency Node never loads at run time. */
export const notLoadedByNode = /(\.d\.[cm]?ts|\.[cm]?ts|\.map|\.md)$/i;

/** Mirrors a folder (entries `keep` accepts) by hard links, or copies where links are refused. */
function linkTree(source: string, target: string, keep: (name: string, isDirectory: boolean) => boolean): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (!keep(entry.name, entry.isDirectory())) continue;
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) linkTree(from, to, keep);
    else if (entry.isSymbolicLink()) cpSync(from, to, { dereference: false, verbatimSymlinks: true });
    else {
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
      }
    }
  }
}

/** Zips the staged folder (file modes kept: App Service runs it on Linux). */
async function writeZip(dir: string, zipPath: string): Promise<void> {
  const zip = new JSZip();
  for (const file of filesUnder(dir)) {
    const full = path.join(dir, file);
    zip.file(file, readFileSync(full), { unixPermissions: statSync(full).mode });
  }
  mkdirSync(path.dirname(zipPath), { recursive: true });
  await new Promise<void>((resolve, reject) => {
    zip
      .generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE', platform: 'UNIX' })
      .pipe(createWriteStream(zipPath))
      .on('finish', resolve)
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const { dir, zipPath } = await stageDeployment({ build: !args.has('--no-build'), ...(args.has('--zip') ? { zipPath: '.deploy/kompetencebot.zip' } : {}) });
  console.log(`Staged ${filesUnder(dir).length} files in ${path.relative(process.cwd(), dir)}/`);
  if (zipPath) console.log(`Zipped into ${path.relative(process.cwd(), zipPath)}: az webapp deploy --type zip --src-path ${path.relative(process.cwd(), zipPath)} …`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
