import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { createLogger } from '../../src/logger';
import { systemClock } from '../../src/messaging/clock';
import { OutboxDispatcher } from '../../src/messaging/dispatcher';
import { createOutbox } from '../../src/messaging/outbox';
import { instrument, uninstrument } from '../../src/telemetry';
import { botHarness, demo } from '../support/botHarness';
import { demoPeople, personalDataIn } from '../support/personalData';
import { preparationSteps } from '../support/preparationSteps';

// Telemetry must never carry personal data. The real bot on Azurite runs whole flows — an
// employee's preparation with typed answers, sharing with the leader, the leader's department
// card, a MUS round and its nudges run late by the schedule, free text, a forged card, messages
// retried and dead-lettered by the outbox — with the telemetry module recording into in-memory
// exporters; then every span (name, attributes, events, status) and every metric data point
// (attributes) is scanned for the demo municipality's names, e-mail addresses and ids, for
// anything shaped like an id, and for what the people typed.

const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const metricReader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const meterProvider = new MeterProvider({ readers: [metricReader] });

let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
/** What people typed: none of it may reach telemetry. */
const typed = {
  answer: 'Jeg er bekymret for min ryg efter løft hos borger Bente',
  freeText: 'Hej, jeg hedder Mette Jensen og min mail er mette.privat@gmail.com',
  outboxText: 'Personlig besked til Sofie om hendes sygefravær',
};

beforeAll(async () => {
  instrument(tracerProvider, meterProvider);
  harness = await botHarness();
  for (const user of [demo.mette, demo.lars, demo.sofie]) await harness.install(user);

  // An employee prepares with typed answers and shares two sections with her leader (a
  // proactive message through the outbox).
  const { answersFor, stepIdOf, versionOf } = preparationSteps(harness.domainData);
  type Card = { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> };
  const cardOf = (replies: Awaited<ReturnType<typeof harness.say>>): Card => {
    const invoke = replies.find((r) => r.type === 'invokeResponse');
    if (invoke) return (invoke.value as { body: { value: Card } }).body.value;
    return replies.find((r) => r.attachments?.[0])!.attachments![0]!.content as Card;
  };
  let card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
  for (let guard = 0; guard < 20 && card.actions?.[0]?.verb === 'prep.next'; guard++) {
    const stepId = stepIdOf(card);
    card = cardOf(await harness.execute(demo.mette, 'prep.next', { stepId, version: versionOf(card), ...answersFor(stepId, typed.answer) }));
  }
  await harness.execute(demo.mette, 'prep.share', { version: versionOf(card), share_competences: 'true', 'share_theme-looking-back': 'true' });

  // The leader looks at the department and opens what she shared; starts a MUS round.
  await harness.say(demo.lars, 'min afdeling');
  await harness.submit(demo.lars, { verb: 'dept.openShared', ownerId: demo.mette.aadObjectId });
  const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline, includeSub: 'false' });

  // Free text, and a forged card whose verb names a person.
  await harness.say(demo.sofie, typed.freeText);
  await harness.execute(demo.sofie, `${demo.sofie.name}.${demo.sofie.aadObjectId}`, { personId: demo.mette.aadObjectId });

  // The schedule runs the round's nudges a day after the deadline: late.
  const jobs = createJobs({
    repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders,
    policy: nudgePolicyOf(harness.config, harness.domainData), logger: createLogger('silent'), aarshjul: false,
  });
  await jobs.runDue(new Date(Date.parse(`${deadline}T12:00:00Z`) + 86_400_000));

  // The outbox retries a throttled send and dead-letters a blocked conversation.
  const outbox = createOutbox(harness.repos.outbox, systemClock);
  const batch = { batchId: `telemetry-${Date.now()}`, label: 'telemetry test', requestedBy: demo.lars.aadObjectId };
  const recipients = [demo.mette, demo.sofie];
  const references = await Promise.all(recipients.map(async (user) => (await harness.repos.conversations.get('user', user.aadObjectId))!.reference));
  await outbox.enqueue(batch, references.map((reference, i) => ({ recipient: recipients[i]!.aadObjectId, reference, activity: { type: 'message', text: typed.outboxText } })));
  let throttled = false;
  const dispatcher = new OutboxDispatcher({
    store: harness.repos.outbox,
    delivery: {
      async deliver(reference) {
        if (reference.conversation.id.includes(demo.sofie.aadObjectId)) return { ok: false, status: 403, message: `user ${demo.sofie.aadObjectId} blocked the bot` };
        if (!throttled) {
          throttled = true;
          return { ok: false, status: 429, message: `throttled for ${demo.mette.name}` };
        }
        return { ok: true };
      },
    },
    config: { ...harness.config.outbox, backoffBaseMs: 1, backoffMaxMs: 1 },
    clock: systemClock,
    logger: createLogger('silent'),
    instanceId: 'telemetry-test',
  });
  for (let round = 0; round < 100 && (await outbox.batchStatus(batch.batchId))!.pending > 0; round++) {
    await dispatcher.drainOnce();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  await metricReader.forceFlush();
}, 120_000);

afterAll(async () => {
  uninstrument();
  await harness?.repos.tables.dropTables();
});

function spanTexts(span: ReadableSpan): string[] {
  return [
    span.name,
    ...Object.entries(span.attributes).flatMap(([key, value]) => [key, String(value)]),
    ...span.events.flatMap((event) => [event.name, ...Object.entries(event.attributes ?? {}).flatMap(([key, value]) => [key, String(value)])]),
    span.status.message ?? '',
  ];
}

function metricTexts(batches: ResourceMetrics[]): string[] {
  return batches.flatMap((batch) =>
    batch.scopeMetrics.flatMap((scope) =>
      scope.metrics.flatMap((metric) => [
        metric.descriptor.name,
        metric.descriptor.description,
        ...metric.dataPoints.flatMap((point) => Object.entries(point.attributes).flatMap(([key, value]) => [key, String(value)])),
      ]),
    ),
  );
}

const metricNamed = (name: string) =>
  metricExporter.getMetrics().flatMap((batch) => batch.scopeMetrics.flatMap((scope) => scope.metrics)).find((metric) => metric.descriptor.name === name);
const total = (name: string) =>
  (metricNamed(name)?.dataPoints ?? []).reduce((sum, point) => sum + (typeof point.value === 'number' ? point.value : (point.value as { count: number }).count), 0);

describe('telemetry of whole flows', () => {
  it('records one span per turn with its flow, verb, outcome and storage calls', () => {
    const turns = spans.getFinishedSpans();
    expect(turns.length).toBeGreaterThan(15);
    const flows = new Set(turns.map((span) => span.attributes['kb.flow']));
    for (const flow of ['welcome', 'prepare', 'prep', 'department', 'dept', 'round', 'fallback', 'unknown']) expect(flows, flow).toContain(flow);
    const next = turns.find((span) => span.attributes['kb.verb'] === 'prep.next')!;
    expect(next.attributes).toMatchObject({ 'kb.flow': 'prep', 'kb.activity.type': 'invoke', 'kb.scope': 'personal', 'kb.outcome': 'ok' });
    expect(next.attributes['kb.storage.calls']).toBeGreaterThan(0);
    expect(turns.find((span) => span.attributes['kb.verb'] === 'text')!.attributes['kb.flow']).toBe('fallback');
    expect(turns.find((span) => span.attributes['kb.verb'] === 'other')!.attributes['kb.flow']).toBe('unknown');
  });

  it('counts the outbox: delivered, retried and dead-lettered', () => {
    expect(total('kb.outbox.delivered')).toBeGreaterThanOrEqual(2);
    expect(total('kb.outbox.retried')).toBeGreaterThanOrEqual(1);
    expect(total('kb.outbox.dead_lettered')).toBeGreaterThanOrEqual(1);
  });

  it('counts scheduled jobs: due, run by kind, and late', () => {
    expect(metricNamed('kb.jobs.due')?.dataPoints.length).toBeGreaterThan(0);
    expect(metricNamed('kb.jobs.ran')!.dataPoints.some((point) => point.attributes['kb.job.kind'] === 'mus-nudge')).toBe(true);
    expect(total('kb.jobs.late')).toBeGreaterThanOrEqual(1);
  });

  it('when every attribute of every span and metric is scanned, then no name, e-mail, id or typed text of anyone is in it', () => {
    const texts = [...spans.getFinishedSpans().flatMap(spanTexts), ...metricTexts(metricExporter.getMetrics())];
    expect(texts.length).toBeGreaterThan(100);
    expect(demoPeople().length).toBeGreaterThan(20);
    expect(personalDataIn(texts.join('\n'), Object.values(typed))).toEqual([]);
  });
});
