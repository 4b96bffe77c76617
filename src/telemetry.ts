import { AsyncLocalStorage } from 'node:async_hooks';
import { type AzureMonitorOpenTelemetryOptions, shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { type Attributes, type Counter, type Gauge, type Histogram, type MeterProvider, metrics, SpanKind, SpanStatusCode, type Tracer, type TracerProvider, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { matchCommand } from './domain/commands';

/**
 * Telemetry: OpenTelemetry, exported to Application Insights through `@azure/monitor-opentelemetry`
 * when APPLICATIONINSIGHTS_CONNECTION_STRING is set; otherwise every function here does nothing.
 *
 * What is recorded is a closed vocabulary, counts and durations — never personal data: a span
 * per turn (flow, verb, activity type, scope, outcome, storage calls; the verb only if the bot
 * knows it, a typed message only as the command it matched), outbox outcomes and scheduled-job
 * runs by kind. No names, e-mail addresses, ids of people, conversations or jobs, no text anyone
 * typed, no error messages (they may quote ids): an error is recorded by its class name.
 * The SDK's automatic instrumentations are off — an HTTP or Azure SDK span would carry URLs with
 * export tokens and table keys (person ids) — and so are Live Metrics and the browser snippet.
 * tests/integration/telemetry.test.ts runs whole flows and scans every attribute.
 */

export const telemetryName = 'kompetencebot';

/** The metrics' names, as Application Insights stores them (infra/main.bicep alerts on two). */
export const metricNames = {
  turnDuration: 'kb.turn.duration',
  outboxDelivered: 'kb.outbox.delivered',
  outboxRetried: 'kb.outbox.retried',
  outboxDeadLettered: 'kb.outbox.dead_lettered',
  jobsDue: 'kb.jobs.due',
  jobsRan: 'kb.jobs.ran',
  jobsLate: 'kb.jobs.late',
  jobLateness: 'kb.jobs.lateness',
} as const;

interface Instruments {
  tracer: Tracer;
  turnDuration: Histogram;
  outboxDelivered: Counter;
  outboxRetried: Counter;
  outboxDeadLettered: Counter;
  jobsDue: Gauge;
  jobsRan: Counter;
  jobsLate: Counter;
  jobLateness: Histogram;
}

let instruments: Instruments | undefined;

/** A job is late when it runs this long after it was due (the tick runs every minute or so). */
export const jobLateAfterMs = 15 * 60_000;

/** Creates the instruments on the given providers (the SDK's in production, in-memory ones in tests). */
export function instrument(tracerProvider: TracerProvider, meterProvider: MeterProvider, version?: string): void {
  const meter = meterProvider.getMeter(telemetryName, version);
  instruments = {
    tracer: tracerProvider.getTracer(telemetryName, version),
    turnDuration: meter.createHistogram(metricNames.turnDuration, { unit: 'ms', description: 'Time to handle one activity' }),
    outboxDelivered: meter.createCounter(metricNames.outboxDelivered, { description: 'Proactive messages the Bot Connector accepted' }),
    outboxRetried: meter.createCounter(metricNames.outboxRetried, { description: 'Sends given back to the outbox to be tried again (429, 412, 5xx, network)' }),
    outboxDeadLettered: meter.createCounter(metricNames.outboxDeadLettered, { description: 'Proactive messages given up on (blocked, rejected, attempts exhausted)' }),
    jobsDue: meter.createGauge(metricNames.jobsDue, { description: 'Scheduled items due when a run of the schedule started' }),
    jobsRan: meter.createCounter(metricNames.jobsRan, { description: 'Scheduled items run, by kind and outcome' }),
    jobsLate: meter.createCounter(metricNames.jobsLate, { description: `Scheduled items run more than ${jobLateAfterMs / 60_000} minutes after they were due` }),
    jobLateness: meter.createHistogram(metricNames.jobLateness, { unit: 's', description: 'How long after its due time a scheduled item ran' }),
  };
}

/** Stops recording (tests). */
export function uninstrument(): void {
  instruments = undefined;
}

/** The options for `useAzureMonitor`: only what this module records leaves the process. */
export function azureMonitorOptions(connectionString: string, version: string): AzureMonitorOpenTelemetryOptions {
  const off = { enabled: false };
  return {
    azureMonitorExporterOptions: { connectionString },
    resource: resourceFromAttributes({ 'service.name': telemetryName, 'service.version': version }),
    // Every turn is kept: a municipality's volume is small, and a rate-limited sampler drops
    // the first spans of a quiet period, which are the ones worth seeing.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    browserSdkLoaderOptions: { enabled: false },
    instrumentationOptions: {
      http: off, azureSdk: off, mongoDb: off, mySql: off, postgreSql: off, redis: off, redis4: off, bunyan: off, winston: off, console: off,
    },
  };
}

export interface TelemetryHandle {
  readonly exporting: boolean;
  shutdown(): Promise<void>;
}

/** Starts exporting to Application Insights when a connection string is configured. */
export function startTelemetry(connectionString: string | undefined, version: string): TelemetryHandle {
  if (!connectionString) return { exporting: false, shutdown: async () => {} };
  useAzureMonitor(azureMonitorOptions(connectionString, version));
  instrument(trace.getTracerProvider(), metrics.getMeterProvider(), version);
  return { exporting: true, shutdown: () => shutdownAzureMonitor() };
}

// ---------------------------------------------------------------------------------------------
// Turns

export type TurnOutcome = 'ok' | 'error' | 'unhandled' | 'refused' | 'redelivered';

/** The parts of an inbound activity a turn is described by (structural: no SDK import here). */
export interface TurnActivity {
  type?: string;
  name?: string;
  text?: string;
  value?: unknown;
  conversation?: { conversationType?: string };
}

interface TurnScope {
  outcome: TurnOutcome;
  storageCalls: number;
  errorClass?: string;
}

const turnScope = new AsyncLocalStorage<TurnScope>();

const activityTypes = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event']);
const invokeNames = new Set(['adaptiveCard/action', 'fileConsent/invoke']);
const conversationTypes = new Set(['personal', 'channel', 'groupChat']);

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The verb a card action carries (Action.Execute's action.verb, or an Action.Submit's verb). */
function cardVerbOf(activity: TurnActivity): unknown {
  const value = recordOf(activity.value);
  return recordOf(value?.action)?.verb ?? value?.verb;
}

/**
 * What a turn is, in words from closed lists only. Verb: a known card verb, `command:<id>` for a
 * typed command, `text` for anything else typed, `other` for an unknown verb; flow: the verb's
 * first part or the command.
 */
export function describeTurn(activity: TurnActivity, knownVerbs: ReadonlySet<string>): Attributes {
  const type = activityTypes.has(activity.type ?? '') ? activity.type! : 'other';
  const cardVerb = cardVerbOf(activity);
  let verb: string;
  let flow: string;
  if (cardVerb !== undefined) {
    verb = typeof cardVerb === 'string' && knownVerbs.has(cardVerb) ? cardVerb : 'other';
    flow = verb === 'other' ? 'unknown' : verb.split('.')[0]!;
  } else if (type === 'message') {
    const command = matchCommand(activity.text);
    verb = command ? `command:${command.id}` : 'text';
    flow = command ? command.id : 'fallback';
  } else if (type === 'invoke') {
    verb = invokeNames.has(activity.name ?? '') ? activity.name! : 'other';
    flow = verb === 'fileConsent/invoke' ? 'export' : 'unknown';
  } else {
    verb = type;
    flow = type === 'conversationUpdate' || type === 'installationUpdate' ? 'welcome' : 'other';
  }
  const scope = activity.conversation?.conversationType;
  return { 'kb.flow': flow, 'kb.verb': verb, 'kb.activity.type': type, 'kb.scope': scope && conversationTypes.has(scope) ? scope : 'other' };
}

/**
 * Runs one turn in its span: `kb.outcome` is 'ok' unless the turn says otherwise
 * ({@link setTurnOutcome}) or throws ('error', with the error's class name); `kb.storage.calls`
 * counts the Table Storage requests made while it ran.
 */
export async function runTurn<T>(activity: TurnActivity, knownVerbs: ReadonlySet<string>, turn: () => Promise<T>): Promise<T> {
  const current = instruments;
  if (!current) return turn();
  const attributes = describeTurn(activity, knownVerbs);
  const scope: TurnScope = { outcome: 'ok', storageCalls: 0 };
  const started = performance.now();
  const span = current.tracer.startSpan(`turn ${attributes['kb.flow']}`, { kind: SpanKind.SERVER, attributes });
  try {
    return await turnScope.run(scope, turn);
  } catch (error) {
    scope.outcome = 'error';
    scope.errorClass ??= errorClassOf(error);
    throw error;
  } finally {
    span.setAttributes({ 'kb.outcome': scope.outcome, 'kb.storage.calls': scope.storageCalls, ...(scope.errorClass ? { 'kb.error': scope.errorClass } : {}) });
    if (scope.outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    current.turnDuration.record(performance.now() - started, { 'kb.flow': attributes['kb.flow']!, 'kb.outcome': scope.outcome });
  }
}

/**
 * Names how the running turn ended (no-op outside a turn). The first outcome named stays (a
 * refused turn is also one no route handled), except that an error always wins; an error names
 * the error's class.
 */
export function setTurnOutcome(outcome: TurnOutcome, error?: unknown): void {
  const scope = turnScope.getStore();
  if (!scope) return;
  if (scope.outcome === 'ok' || outcome === 'error') scope.outcome = outcome;
  if (error !== undefined) scope.errorClass = errorClassOf(error);
}

/** An error's class name if it looks like one (`RestError`), never its message. */
function errorClassOf(error: unknown): string {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  return /^[A-Za-z][A-Za-z0-9]{0,60}$/.test(name) ? name : 'Error';
}

/** Counts one Table Storage request against the running turn (called by the storage clients). */
export function countStorageCall(): void {
  const scope = turnScope.getStore();
  if (scope) scope.storageCalls++;
}

// ---------------------------------------------------------------------------------------------
// The outbox and the schedule

export type OutboxOutcome =
  | { kind: 'delivered' }
  | { kind: 'retried'; status?: number }
  | { kind: 'dead-lettered'; reason: 'blocked' | 'rejected' | 'exhausted'; status?: number };

function statusClass(status: number | undefined): string {
  return status === undefined ? 'network' : status === 429 || status === 412 ? String(status) : `${Math.floor(status / 100)}xx`;
}

export function recordOutboxOutcome(outcome: OutboxOutcome): void {
  if (!instruments) return;
  if (outcome.kind === 'delivered') instruments.outboxDelivered.add(1);
  else if (outcome.kind === 'retried') instruments.outboxRetried.add(1, { 'kb.status': statusClass(outcome.status) });
  else instruments.outboxDeadLettered.add(1, { 'kb.reason': outcome.reason, ...(outcome.reason === 'blocked' && outcome.status === undefined ? {} : { 'kb.status': statusClass(outcome.status) }) });
}

/** How many scheduled items were due when a run of the schedule started. */
export function recordJobsDue(count: number): void {
  instruments?.jobsDue.record(count);
}

/** One scheduled item ran: its kind (a job kind's name, never its id), outcome and lateness. */
export function recordJobRun(run: { kind: string; outcome: string; latenessMs: number }): void {
  if (!instruments) return;
  const attributes = { 'kb.job.kind': /^[a-z][a-z-]{0,40}$/.test(run.kind) ? run.kind : 'other', 'kb.job.outcome': run.outcome };
  instruments.jobsRan.add(1, attributes);
  instruments.jobLateness.record(Math.max(0, run.latenessMs) / 1000, { 'kb.job.kind': attributes['kb.job.kind'] });
  if (run.latenessMs > jobLateAfterMs) instruments.jobsLate.add(1, { 'kb.job.kind': attributes['kb.job.kind'] });
}
