import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, startBot } from '../../scripts/lib/processes';
import { seedDemo } from '../../scripts/lib/demo';
import { loadDomainData } from '../../src/data/loadDomainData';
import { projectRoot } from '../../src/paths';
import { demo } from '../support/botHarness';
import { postActivity, startConnectorStub, teamsActivities } from '../support/connectorStub';
import { personalDataIn } from '../support/personalData';
import { preparationSteps } from '../support/preparationSteps';
import { testRepositories } from '../support/storage';

// The production wiring: the bot as its own process with APPLICATIONINSIGHTS_CONNECTION_STRING
// set, exporting through @azure/monitor-opentelemetry to a stand-in Application Insights
// ingestion endpoint on loopback (https with a certificate made for the test; the exporter
// accepts nothing else). The process may reach nothing but loopback (scripts/lib/loopback-only.cjs:
// the SDK's probes of Azure's metadata service and its own statistics are refused). What arrives
// is what Application Insights would store: it is scanned for personal data.

const typed = {
  answer: 'Min kollega Bente Jørgensen råber ad mig',
  freeText: 'Skriv til mig på mette.jensen@herlev.dk, Mette Jensen',
};
const instrumentationKey = '00000000-0000-4000-8000-000000000000';

let certDir: string;
let ingestion: Server;
const envelopes: Array<Record<string, unknown>> = [];
let connector: Awaited<ReturnType<typeof startConnectorStub>>;
let repos: Awaited<ReturnType<typeof testRepositories>>;

beforeAll(async () => {
  certDir = mkdtempSync(path.join(tmpdir(), 'kb-ingestion-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')], { stdio: 'ignore' });
  ingestion = createServer({ key: readFileSync(path.join(certDir, 'key.pem')), cert: readFileSync(path.join(certDir, 'cert.pem')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
      const items = req.url?.startsWith('/v2.1/track') ? (JSON.parse(text) as Array<Record<string, unknown>>) : [];
      envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
  connector = await startConnectorStub();
  repos = await testRepositories();
  await seedDemo(repos);
}, 120_000);

afterAll(async () => {
  await connector?.close();
  await new Promise((resolve) => ingestion?.close(resolve));
  await repos?.tables.dropTables();
  rmSync(certDir, { recursive: true, force: true });
});

describe('telemetry exported to Application Insights', () => {
  it('when the bot runs with a connection string, then its turns and metrics reach the ingestion endpoint, with no personal data in them', async () => {
    const port = await freePort();
    const ingestionUrl = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
    const bot = await startBot({
      port,
      env: {
        STORAGE_CONNECTION_STRING: inject('storageConnectionString'), TABLE_PREFIX: repos.prefix, LOG_LEVEL: 'warn', JOBS_TICK_SECONDS: '0',
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${instrumentationKey};IngestionEndpoint=${ingestionUrl}`,
        NODE_EXTRA_CA_CERTS: path.join(certDir, 'cert.pem'),
        NODE_OPTIONS: `-r ${path.join(projectRoot, 'scripts/lib/loopback-only.cjs')}`,
      },
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      const { answersFor, stepIdOf, versionOf } = preparationSteps(await loadDomainData());
      const mette = teamsActivities(connector.serviceUrl, demo.mette);
      const first = mette.message('forbered MUS');
      expect((await postActivity(url, first)).status).toBe(200);
      const card = (connector.received.find((r) => r.replyToId === first.id)!.activity.attachments as Array<{ content: { actions?: Array<{ data?: Record<string, unknown> }> } }>)[0]!.content;
      const stepId = stepIdOf(card);
      expect((await postActivity(url, mette.execute('prep.next', { stepId, version: versionOf(card), ...answersFor(stepId, typed.answer) }))).status).toBe(200);
      expect((await postActivity(url, mette.message(typed.freeText))).status).toBe(200);
    } finally {
      // SIGTERM: the bot flushes its telemetry before it exits.
      await bot.stop();
    }

    const requests = envelopes.filter((envelope) => (envelope.data as { baseType?: string }).baseType === 'RequestData');
    const requestNames = requests.map((envelope) => (envelope.data as { baseData: { name: string } }).baseData.name);
    expect(requestNames).toEqual(expect.arrayContaining(['turn prepare', 'turn prep', 'turn fallback']));
    const metricNames = envelopes.flatMap((envelope) => (envelope.data as { baseData: { metrics?: Array<{ name: string }> } }).baseData.metrics ?? []).map((metric) => metric.name);
    expect(metricNames).toContain('kb.turn.duration');
    expect(envelopes.every((envelope) => envelope.iKey === instrumentationKey)).toBe(true);

    const exported = JSON.stringify(envelopes).replaceAll(instrumentationKey, '<ikey>');
    expect(personalDataIn(exported, Object.values(typed))).toEqual([]);
  });
});
