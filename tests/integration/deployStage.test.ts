import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/processes';
import { seedDemo } from '../../scripts/lib/demo';
import { filesUnder, notLoadedByNode, stagedTopLevel, stageDeployment } from '../../scripts/stage-deploy';
import { projectRoot } from '../../src/paths';
import { demo } from '../support/botHarness';
import { postActivity, startConnectorStub, teamsActivities } from '../support/connectorStub';
import { testRepositories } from '../support/storage';

// What `npm run deploy:stage` puts in the deployment is exactly what runs — the compiled bot,
// its cards and data files, package.json and the production dependencies — and it runs: the bot
// is started from the staged folder alone and answers a message.

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
let stageDir: string;
let files: string[];

beforeAll(async () => {
  stageDir = path.join(mkdtempSync(path.join(tmpdir(), 'kb-stage-')), 'app');
  await stageDeployment({ outDir: stageDir });
  files = filesUnder(stageDir);
}, 180_000);

afterAll(() => {
  if (stageDir) rmSync(path.dirname(stageDir), { recursive: true, force: true });
});

const topLevel = () => [...new Set(files.map((file) => file.split('/')[0]!))].sort();
const under = (folder: string) => files.filter((file) => file.startsWith(`${folder}/`)).map((file) => file.slice(folder.length + 1));

describe('the deployment staging', () => {
  it('holds only dist/, cards/, data/, node_modules/ and package.json', () => {
    expect(topLevel()).toEqual([...stagedTopLevel]);
  });

  it('holds the compiled bot and no sources, tests, scripts or benchmarks', () => {
    expect(files).toContain('dist/src/index.js');
    expect(under('dist').every((file) => file.startsWith('src/') && /\.js(\.map)?$/.test(file))).toBe(true);
    expect(files.some((file) => /^(src|tests|bench|scripts|playground|appPackage|infra)\//.test(file))).toBe(false);
  });

  it('holds the card templates and the domain data files, not the demo municipality', () => {
    expect(under('cards').length).toBeGreaterThan(20);
    expect(under('cards').every((file) => file.endsWith('.json'))).toBe(true);
    expect(under('data').sort()).toEqual(['aarshjul.json', 'activity-catalogue.json', 'competence-model.json', 'entra-mapping.json', 'question-bank.json']);
  });

  it('holds every production dependency and none of the development tools', () => {
    const installed = new Set(files.filter((file) => file.startsWith('node_modules/') && file.endsWith('/package.json'))
      .map((file) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file)?.[1]).filter(Boolean));
    for (const name of Object.keys(packageJson.dependencies)) expect(installed.has(name), name).toBe(true);
    // Dev dependencies that production needs anyway (e.g. jszip through exceljs) stay.
    for (const name of ['vitest', 'typescript', 'azurite', '@microsoft/m365agentsplayground', 'playwright-core', 'tsx', 'fast-check', '@microsoft/app-manifest', 'adaptivecards']) {
      expect(Object.keys(packageJson.devDependencies), name).toContain(name);
      expect(installed.has(name), name).toBe(false);
    }
    expect(files.some((file) => /^node_modules\/\.bin\//.test(file))).toBe(false);
  });

  it('leaves out of the dependencies what Node never loads (declarations, TypeScript, source maps, Markdown)', () => {
    expect(files.filter((file) => file.startsWith('node_modules/') && notLoadedByNode.test(file))).toEqual([]);
  });

  it('when the bot is started from the staged folder alone, then it listens and answers a message', async () => {
    const connector = await startConnectorStub();
    const repos = await testRepositories();
    await seedDemo(repos);
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/src/index.js'], {
      cwd: stageDir,
      env: { PATH: process.env.PATH, APP_ENV: 'local', HOST: '127.0.0.1', PORT: String(port), STORAGE_CONNECTION_STRING: inject('storageConnectionString'), TABLE_PREFIX: repos.prefix, JOBS_TICK_SECONDS: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = `http://127.0.0.1:${port}`;
      let healthy = false;
      for (let attempt = 0; attempt < 150 && !healthy && child.exitCode === null; attempt++) {
        healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(healthy, output).toBe(true);
      const activity = teamsActivities(connector.serviceUrl, demo.mette).message('hjælp');
      expect((await postActivity(url, activity)).status).toBe(200);
      expect(connector.received.some((reply) => reply.replyToId === activity.id)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await connector.close();
      await repos.tables.dropTables();
    }
  });
});
