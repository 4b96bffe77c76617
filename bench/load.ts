import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startAzurite } from '../scripts/lib/processes';
import { loadDomainData } from '../src/data/loadDomainData';
import { defaultQuestionSet, groupsWithCompetences } from '../src/domain/catalogue';
import { buildSteps, type PreparationStep } from '../src/domain/preparation';
import { projectRoot } from '../src/paths';
import { importOrganisationFile } from '../src/services/orgImport';
import { openStorage, type Repositories } from '../src/storage';
import { encodeKey, odataString } from '../src/storage/keys';
import { peakRssOf } from './procStats';

/**
 * Load and soak benchmark (issue 7). N simulated employees run the MUS preparation flow through
 * POST /api/messages of the real bot (src/index.ts in a child process, local mode, Azurite in
 * memory): `forbered MUS`, every step's Action.Execute with valid answers, then sharing with the
 * leader. The same activities go, in the same run, to a bare teams-ai echo bot (the framework
 * floor). Replies the bot sends through the Bot Connector land in a loopback connector here; a
 * turn ends when its HTTP response and (for a message) its reply have both arrived.
 *
 *   npm run bench:load                    N = 10, 50, 200 (--users 10,50,200 --turns 4000)
 *   npm run bench:soak                    SOAK_MINUTES (30) at SOAK_RATE turns/s (10), memory every 30 s
 *
 * See bench/README.md.
 */
const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '10,50,200' },
    turns: { type: 'string', default: '4000' },
    people: { type: 'string' },
    soak: { type: 'boolean', default: false },
  },
});
const soakMinutes = Number(process.env.SOAK_MINUTES ?? 30);
const soakRate = Number(process.env.SOAK_RATE ?? 10);
const soakUsers = Number(process.env.SOAK_USERS ?? 20);
const sampleSeconds = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30);
const warmupSeconds = Number(process.env.SOAK_WARMUP_SECONDS ?? 60);

const tenantId = 'bench-tenant';
const departments = 20;
const personId = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;
const leaderId = (d: number) => `0d1e2f30-0000-4000-9000-${String(d).padStart(12, '0')}`;
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------------------------------------
// The loopback Bot Connector: accepts what the bots send, and ends the turn a reply belongs to.

interface Connector {
  serviceUrl: string;
  /** Resolves when a reply to the activity with this id arrives. */
  replyTo(activityId: string, timeoutMs: number): Promise<Record<string, unknown>>;
  /** Messages that were no reply to a waiting turn (the outbox's proactive sends). */
  proactive(): number;
  close(): Promise<void>;
}

async function startConnector(): Promise<Connector> {
  const waiting = new Map<string, (body: Record<string, unknown>) => void>();
  let proactive = 0;
  let nextId = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `c-${++nextId}` }));
      if (req.method !== 'POST' || !/^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) return;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const waiter = typeof body.replyToId === 'string' ? waiting.get(body.replyToId) : undefined;
      if (waiter) {
        waiting.delete(body.replyToId as string);
        waiter(body);
      } else proactive++;
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    replyTo: (activityId, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(activityId);
          reject(new Error(`no reply to ${activityId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(activityId, (body) => {
          clearTimeout(timer);
          resolve(body);
        });
      }),
    proactive: () => proactive,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The two bots, each a child process with a memory probe (bench/memoryProbe.ts).

interface BotProcess {
  name: string;
  endpoint: string;
  child: ChildProcess;
  memory(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

async function startChild(name: string, script: string, env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const child = fork(path.join(projectRoot, script), [], {
    cwd: projectRoot,
    // BENCH_NODE_ARGS adds flags for the bots' processes, e.g. --cpu-prof to find a hot spot.
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${name} did not start`);
    await sleep(200);
  }
  return {
    name,
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    child,
    memory: () =>
      new Promise((resolve) => {
        const listen = (message: unknown) => {
          const m = message as { memory?: NodeJS.MemoryUsage };
          if (!m.memory) return;
          child.off('message', listen);
          resolve(m.memory);
        };
        child.on('message', listen);
        child.send('memory');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// One simulated user's turns.

type Card = { body?: unknown[]; actions?: Array<{ verb?: string; data?: Record<string, unknown> }> };
type TurnKind = 'message' | 'step' | 'share';

interface Recorder {
  record(kind: TurnKind, ms: number): void;
  error(what: string): void;
}

let activitySeq = 0;

function activityOf(user: string, serviceUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `bench-${process.pid}-${++activitySeq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    locale: 'da-DK',
    from: { id: `29:${user}`, name: 'Bench Medarbejder', aadObjectId: user },
    recipient: { id: '28:kompetencebot', name: 'Kompetencebot' },
    conversation: { id: `a:personal-${user}`, conversationType: 'personal', isGroup: false, tenantId },
    channelData: { tenant: { id: tenantId } },
    ...fields,
  };
}

/** POSTs one activity; for a message, also waits for the reply through the connector. Returns the card. */
async function turn(bot: BotProcess, connector: Connector, activity: Record<string, unknown>): Promise<{ ms: number; raw: string; card?: Card }> {
  const started = performance.now();
  const reply = activity.type === 'message' ? connector.replyTo(activity.id as string, 60_000) : undefined;
  reply?.catch(() => undefined);
  const response = await fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${bot.name}: HTTP ${response.status} ${text.slice(0, 200)}`);
  if (reply) {
    const body = await reply;
    const ms = performance.now() - started;
    const attachments = body.attachments as Array<{ content?: Card }> | undefined;
    return { ms, raw: JSON.stringify(body).slice(0, 300), ...(attachments?.[0]?.content ? { card: attachments[0].content } : {}) };
  }
  const ms = performance.now() - started;
  const invoke = text ? (JSON.parse(text) as { value?: Card }) : {};
  return { ms, raw: text.slice(0, 300), ...(invoke.value ? { card: invoke.value } : {}) };
}

/** Every input of a step answered with something valid (as tests/integration/preparation.test.ts). */
function answersFor(step: PreparationStep, pass: number): Record<string, string> {
  if (step.kind === 'rating') return Object.fromEntries(step.group.competences.map((c, i) => [`r_${c.id}`, String(((i + pass) % 5) + 1)]));
  return Object.fromEntries(step.theme.questions.map((q) => [`q_${q.id}`, q.kind === 'text' ? `Svar ${pass} til ${q.id}` : q.choices[0]!.id]));
}

/**
 * One pass of the preparation flow for one person: `forbered MUS`, Next on every step, share.
 * For the real bot each card is checked to be the step that should come; a wrong card counts as
 * an error and ends the pass.
 */
async function preparationPass(
  bot: BotProcess, connector: Connector, user: string, steps: PreparationStep[], pass: number, checked: boolean,
  recorder: Recorder, pace: () => Promise<void>,
): Promise<void> {
  const execute = (verb: string, data: Record<string, unknown>) =>
    activityOf(user, connector.serviceUrl, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
  const versionOf = (card: Card | undefined, fallback: number) => Number(card?.actions?.[0]?.data?.version ?? fallback);
  try {
    await pace();
    let result = await turn(bot, connector, activityOf(user, connector.serviceUrl, { type: 'message', text: 'forbered MUS' }));
    recorder.record('message', result.ms);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (checked && result.card?.actions?.[0]?.data?.stepId !== step.id) {
        throw new Error(`expected step ${step.id}, got ${result.raw}`);
      }
      await pace();
      result = await turn(bot, connector, execute('prep.next', { stepId: step.id, version: versionOf(result.card, i), ...answersFor(step, pass) }));
      recorder.record('step', result.ms);
    }
    if (checked && result.card?.actions?.find((a) => a.verb === 'prep.share') === undefined) {
      throw new Error(`expected the summary, got ${result.raw}`);
    }
    const share = Object.fromEntries([['share_competences', 'true'], ...steps.filter((s) => s.kind === 'questions').map((s) => [`share_${s.id}`, 'true'])]);
    await pace();
    result = await turn(bot, connector, execute('prep.share', { version: versionOf(result.card, steps.length), ...share }));
    recorder.record('share', result.ms);
  } catch (error) {
    recorder.error((error as Error).message);
  }
}

// ---------------------------------------------------------------------------------------------
// The people: an imported organisation, handed out one preparation pass at a time.

async function importOrganisation(repos: Repositories, people: number): Promise<void> {
  const lines = ['type,id,name,email,department,parent,job_group,leader_of,hr_admin,language'];
  for (let a = 0; a < 4; a++) lines.push(`department,area-${a},Område ${a},,,,,,,`);
  for (let d = 0; d < departments; d++) lines.push(`department,dept-${d},Afdeling ${d},,,area-${d % 4},,,,`);
  for (let d = 0; d < departments; d++) lines.push(`person,${leaderId(d)},Leder ${d},leder${d}@bench.dk,area-${d % 4},,Leder,dept-${d},,da`);
  for (let p = 1; p <= people; p++) lines.push(`person,${personId(p)},Medarbejder ${p},m${p}@bench.dk,dept-${p % departments},,${['SSA', 'SSH', 'SPL'][p % 3]},,,da`);
  const imported = await importOrganisationFile(repos, lines.join('\n'));
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 3)));
}

/**
 * Hands out people for passes. A person comes back round only when the pool is used up (the
 * soak); their preparation rows are then deleted first, so every pass starts a fresh preparation
 * and the table does not grow.
 */
function peoplePool(repos: Repositories, size: number) {
  let next = 0;
  const table = repos.tables.table('preparations');
  return async (): Promise<string> => {
    const n = (next++ % size) + 1;
    const user = personId(n);
    if (next > size) {
      const rows = table.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(encodeKey(user))}`, select: ['PartitionKey', 'RowKey'] } });
      for await (const row of rows) await table.deleteEntity(row.partitionKey!, row.rowKey!);
    }
    return user;
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics.

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

class Stats implements Recorder {
  readonly times: Record<TurnKind, number[]> = { message: [], step: [], share: [] };
  readonly errors: string[] = [];
  record(kind: TurnKind, ms: number) {
    this.times[kind].push(ms);
  }
  error(what: string) {
    this.errors.push(what);
  }
  all(): number[] {
    return [...this.times.message, ...this.times.step, ...this.times.share].sort((a, b) => a - b);
  }
  count(): number {
    return this.times.message.length + this.times.step.length + this.times.share.length;
  }
}

interface LevelResult {
  bot: string;
  users: number;
  turns: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: string[];
  /** p50 / p99 per kind of turn. */
  byKind: string;
  /** CPU seconds used during the level by the bot under test and by Azurite. */
  cpu: { bot: number; azurite: number };
}

/**
 * `users` concurrent users, arriving 10 ms apart, each running passes back to back (no think
 * time) until about `turns` are done.
 */
async function runLevel(
  bot: BotProcess, connector: Connector, users: number, turns: number, steps: PreparationStep[], take: () => Promise<string>, checked: boolean, azuritePid?: number,
): Promise<LevelResult> {
  const cpuBefore = { bot: cpuSecondsOf(bot.child.pid), azurite: cpuSecondsOf(azuritePid) };
  const stats = new Stats();
  const turnsPerPass = steps.length + 2;
  const passesEach = Math.max(1, Math.ceil(turns / turnsPerPass / users));
  const started = performance.now();
  await Promise.all(Array.from({ length: users }, async (_, user) => {
    // Users arrive 10 ms apart rather than all in the same millisecond.
    await sleep(user * 10);
    for (let pass = 0; pass < passesEach; pass++) {
      await preparationPass(bot, connector, await take(), steps, pass, checked, stats, async () => undefined);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpu = { bot: cpuSecondsOf(bot.child.pid) - cpuBefore.bot, azurite: cpuSecondsOf(azuritePid) - cpuBefore.azurite };
  const sorted = stats.all();
  return {
    cpu,
    bot: bot.name, users, turns: stats.count(), seconds,
    p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN,
    errors: stats.errors,
    byKind: (Object.keys(stats.times) as TurnKind[]).map((kind) => {
      const times = [...stats.times[kind]].sort((a, b) => a - b);
      return `${kind} ${percentile(times, 50).toFixed(0)}/${percentile(times, 99).toFixed(0)} ms`;
    }).join(', '),
  };
}

function machineRow(): [string, string] {
  return ['machine', `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${mb(os.totalmem())} RAM, Node ${process.version}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`];
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startConnector();
  const children: BotProcess[] = [];
  try {
    const prefix = 'benchload';
    const repos = await openStorage({ kind: 'connectionString', connectionString: azurite.connectionString }, prefix);
    const data = await loadDomainData();
    const steps = buildSteps(defaultQuestionSet(data.questionBank, 'employee'), groupsWithCompetences(data.competenceModel, 'employee'));
    const people = Number(args.people ?? (args.soak ? 500 : 3000));
    const importStarted = Date.now();
    await importOrganisation(repos, people);
    console.log(`imported ${people} employees and ${departments} leaders in ${((Date.now() - importStarted) / 1000).toFixed(1)} s`);

    const bot = await startChild('kompetencebot', 'bench/loadBot.ts', {
      APP_ENV: 'local', HOST: '127.0.0.1', LOG_LEVEL: 'warn', STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: prefix,
      // The load is the preparation flow: no scheduled jobs in between (they would fan out reminders).
      JOBS_TICK_SECONDS: '0',
    });
    children.push(bot);
    // Leaders write to the bot once, so their conversation is known and shared preparations reach them.
    for (let d = 0; d < departments; d++) {
      await turn(bot, connector, activityOf(leaderId(d), connector.serviceUrl, { type: 'message', text: 'hjælp' }));
    }
    const take = peoplePool(repos, people);

    if (args.soak) return await soak(bot, connector, steps, take, azurite.process.pid);

    const echo = await startChild('echo', 'bench/echoBot.ts', {});
    children.push(echo);
    const turns = Number(args.turns);
    // Warm-up (not counted): JIT, connections, Azurite's tables.
    for (const target of [echo, bot]) await runLevel(target, connector, 10, 200, steps, take, target === bot);
    const results: Array<{ echo: LevelResult; bot: LevelResult }> = [];
    for (const users of args.users.split(',').map(Number)) {
      const echoResult = await runLevel(echo, connector, users, turns, steps, take, false, azurite.process.pid);
      const botResult = await runLevel(bot, connector, users, turns, steps, take, true, azurite.process.pid);
      results.push({ echo: echoResult, bot: botResult });
      for (const r of [echoResult, botResult]) {
        console.log(`${r.bot} N=${r.users}: ${r.turns} turns in ${r.seconds.toFixed(1)} s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, errors ${r.errors.length}${r.errors[0] ? ` (${r.errors[0]})` : ''}; p50/p99 by kind: ${r.byKind}; CPU s: bot ${r.cpu.bot.toFixed(1)}, Azurite ${r.cpu.azurite.toFixed(1)}`);
      }
    }
    const botMemory = await bot.memory();
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    console.log('\n| concurrent users | bot | turns | turns/s | p50 | p95 | p99 | max | errors | CPU ms per turn: bot / Azurite |\n|---|---|---|---|---|---|---|---|---|---|');
    for (const { echo: e, bot: b } of results) {
      for (const r of [e, b]) {
        console.log(`| ${r.users} | ${r.bot === 'echo' ? 'teams-ai echo (floor)' : 'Kompetencebot'} | ${r.turns} | ${(r.turns / r.seconds).toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors.length} | ${((1000 * r.cpu.bot) / r.turns).toFixed(1)} / ${((1000 * r.cpu.azurite) / r.turns).toFixed(1)} |`);
      }
    }
    console.log('\n| concurrent users | p50 bot / echo | p99 bot / echo | throughput echo / bot |\n|---|---|---|---|');
    for (const { echo: e, bot: b } of results) {
      console.log(`| ${b.users} | ${(b.p50 / e.p50).toFixed(1)} × | ${(b.p99 / e.p99).toFixed(1)} × | ${((e.turns / e.seconds) / (b.turns / b.seconds)).toFixed(1)} × |`);
    }
    const rows: Array<[string, string]> = [
      machineRow(),
      ['flow per pass', `${steps.length + 2} turns: \`forbered MUS\` (reply through the connector), ${steps.length} × Action.Execute prep.next (card in the invoke response), prep.share (queues the leader's card in the outbox)`],
      ['organisation', `${people} employees, ${departments} departments with a leader each; Azurite in memory`],
      ['proactive sends received (shared preparations to leaders)', String(connector.proactive())],
      ['bot process at the end (after GC)', `heap used ${mb(botMemory.heapUsed)}, RSS ${mb(botMemory.rss)}; peak RSS ${mb(peakRssOf(bot.child.pid))}`],
      ['peak RSS: echo bot / Azurite', `${mb(peakRssOf(echo.child.pid))} / ${mb(peakRssOf(azurite.process.pid))}`],
    ];
    console.log(`\n| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`);
  } finally {
    for (const child of children) await child.stop();
    await connector.close();
    await azurite.stop();
  }
}

/**
 * The soak: SOAK_USERS users share a steady SOAK_RATE turns/s for SOAK_MINUTES; after the warm-up,
 * the bot's heap and RSS are sampled every SOAK_SAMPLE_SECONDS (each after a full GC).
 */
async function soak(bot: BotProcess, connector: Connector, steps: PreparationStep[], take: () => Promise<string>, azuritePid: number | undefined): Promise<void> {
  const started = performance.now();
  const endAt = started + soakMinutes * 60_000;
  const interval = 1000 / soakRate;
  let nextSlot = started;
  const pace = async () => {
    const slot = (nextSlot = Math.max(nextSlot + interval, performance.now() - 1000));
    const wait = slot - performance.now();
    if (wait > 0) await sleep(wait);
  };
  const windows: Stats[] = [new Stats()];
  const overall = new Stats();
  const recorder: Recorder = {
    record: (kind, ms) => {
      overall.record(kind, ms);
      windows[windows.length - 1]!.record(kind, ms);
    },
    error: (what) => overall.error(what),
  };
  const samples: Array<{ minute: number; heapUsed: number; rss: number }> = [];
  const sampler = (async () => {
    await sleep(warmupSeconds * 1000);
    while (performance.now() < endAt) {
      const memory = await bot.memory();
      const minute = (performance.now() - started) / 60_000;
      samples.push({ minute, heapUsed: memory.heapUsed, rss: memory.rss });
      const last = windows[windows.length - 1]!;
      const sorted = last.all();
      console.log(`${minute.toFixed(1)} min: heap used ${mb(memory.heapUsed)}, RSS ${mb(memory.rss)}; last window ${sorted.length} turns, p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms; errors so far ${overall.errors.length}`);
      windows.push(new Stats());
      await sleep(sampleSeconds * 1000);
    }
  })();
  let pass = 0;
  await Promise.all(Array.from({ length: soakUsers }, async () => {
    while (performance.now() < endAt) await preparationPass(bot, connector, await take(), steps, pass++, true, recorder, pace);
  }));
  await sampler;
  const seconds = (performance.now() - started) / 1000;

  const slope = (values: Array<{ x: number; y: number }>) => {
    const n = values.length;
    const mx = values.reduce((s, v) => s + v.x, 0) / n;
    const my = values.reduce((s, v) => s + v.y, 0) / n;
    const sxy = values.reduce((s, v) => s + (v.x - mx) * (v.y - my), 0);
    const sxx = values.reduce((s, v) => s + (v.x - mx) ** 2, 0);
    return sxx === 0 ? NaN : sxy / sxx;
  };
  const describe = (key: 'heapUsed' | 'rss') => {
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const max = Math.max(...samples.map((s) => s[key]));
    const perHour = slope(samples.map((s) => ({ x: s.minute / 60, y: s[key] / 1024 / 1024 })));
    const secondHalf = samples.filter((s) => s.minute >= (first.minute + last.minute) / 2);
    const perHourLate = slope(secondHalf.map((s) => ({ x: s.minute / 60, y: s[key] / 1024 / 1024 })));
    return `start ${mb(first[key])}, end ${mb(last[key])}, max ${mb(max)}; slope ${perHour.toFixed(1)} MB/h (second half: ${perHourLate.toFixed(1)} MB/h)`;
  };
  const windowed = windows.filter((w) => w.count() > 0);
  const p = (stats: Stats, q: number) => `${percentile(stats.all(), q).toFixed(0)} ms`;
  const firstWindow = windowed[1] ?? windowed[0]!;
  const lastWindow = windowed[windowed.length - 1]!;
  const rows: Array<[string, string]> = [
    machineRow(),
    ['load', `${soakUsers} users sharing a steady ${soakRate} turns/s for ${soakMinutes} min (the preparation flow, sharing at the end; a person's rows are deleted before they start again)`],
    ['turns', `${overall.count()} in ${seconds.toFixed(0)} s = ${(overall.count() / seconds).toFixed(1)}/s; errors ${overall.errors.length}${overall.errors[0] ? ` (first: ${overall.errors[0]})` : ''}`],
    ['turn latency, whole soak', `p50 ${p(overall, 50)}, p95 ${p(overall, 95)}, p99 ${p(overall, 99)}`],
    ['turn latency, first window after warm-up / last window', `p50 ${p(firstWindow, 50)} / ${p(lastWindow, 50)}, p99 ${p(firstWindow, 99)} / ${p(lastWindow, 99)}`],
    ['memory samples', `${samples.length}, every ${sampleSeconds} s after a ${warmupSeconds} s warm-up, each after a forced GC`],
    ['bot heap used', describe('heapUsed')],
    ['bot RSS', describe('rss')],
    ['peak RSS: bot / Azurite', `${mb(peakRssOf(bot.child.pid))} / ${mb(peakRssOf(azuritePid))}`],
    ['proactive sends received (shared preparations to leaders)', String(connector.proactive())],
  ];
  console.log(`\n| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`);
  console.log(`\nsamples (minute, heap MB, RSS MB): ${samples.map((s) => `${s.minute.toFixed(1)}:${(s.heapUsed / 1048576).toFixed(1)}/${(s.rss / 1048576).toFixed(0)}`).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
