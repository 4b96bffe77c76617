import type { OutboxConfig } from '../config';
import type { Logger } from '../logger';
import { type OutboxOutcome, recordOutboxOutcome } from '../telemetry';
import type { StoredConversationReference } from '../storage/conversationRepository';
import type { BatchStatus, InstallTarget, OutboxEntry, OutboxRepository } from '../storage/outboxRepository';
import type { Clock } from './clock';
import type { DeliveryPort, DeliveryResult } from './delivery';
import { reserveSlot, type WindowLimit } from './rateLimit';
import { classifyDelivery, retryDelayMs } from './retry';

/**
 * Every window is kept 5 % longer than Teams documents: the limiter counts a send when it starts
 * and Teams when it arrives, and arrival times jitter.
 */
const windowPadding = 1.05;
/** A per-conversation wait shorter than this is slept through; a longer one gives the message back. */
const longestInlineWaitMs = 2000;
/** A claim with less lease left than this is given back unsent (another instance may take it soon). */
const minimumLeaseLeftMs = 5000;

export const padded = (limits: readonly WindowLimit[]) => limits.map((l) => ({ limit: l.limit, windowMs: Math.ceil(l.windowMs * windowPadding) }));

/**
 * This instance's share of the per-tenant limit as windows: `rate` sends per second becomes at
 * most max(1, ⌊rate⌋) sends in every window of that many / rate seconds, and — so that a second's
 * sends do not leave in one burst, whose arrival jitter Teams would count against the next
 * second — at most a tenth of them (rounded up) in every tenth of that window.
 */
export function tenantWindows(requestsPerSecond: number, instances: number): WindowLimit[] {
  const rate = requestsPerSecond / instances;
  const limit = Math.max(1, Math.floor(rate));
  const windowMs = Math.ceil((limit / rate) * 1000);
  return [{ limit, windowMs }, { limit: Math.ceil(limit / 10), windowMs: Math.ceil(windowMs / 10) }];
}

/**
 * The per-tenant limit for THIS instance, in memory: every instance keeps to 1/instances of it
 * (OUTBOX_INSTANCES), so together they stay within the tenant's limit without talking to each
 * other. Concurrent acquirers are safe: check and record run without an await between them.
 * (The same keeps Graph calls within Graph's per-app, per-tenant limits.)
 */
export class TenantLimiter {
  private readonly history = new Map<string, number[]>();

  constructor(private readonly limits: WindowLimit[], private readonly clock: Clock) {}

  async acquire(tenantId: string): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const decision = reserveSlot(this.history.get(tenantId) ?? [], this.limits, now);
      if (decision.ok) {
        this.history.set(tenantId, decision.history);
        return;
      }
      await this.clock.sleep(decision.retryAt - now);
    }
  }
}

async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A recorded outcome as telemetry counts it (src/telemetry.ts). */
function outboxOutcomeOf(verdict: ReturnType<typeof classifyDelivery>['kind'], exhausted: boolean, status: number | undefined): OutboxOutcome {
  if (verdict === 'delivered') return { kind: 'delivered' };
  if (verdict === 'retry' && !exhausted) return { kind: 'retried', ...(status === undefined ? {} : { status }) };
  const reason = verdict === 'retry' ? 'exhausted' : verdict;
  return { kind: 'dead-lettered', reason, ...(status === undefined ? {} : { status }) };
}

/**
 * Finds the conversation of a person the bot has none with yet, by installing the app for them
 * (src/services/proactiveInstall.ts): the reference, "try again after" (Graph throttled or
 * failed), or why they cannot be reached.
 */
export interface ConversationResolver {
  resolve(target: InstallTarget): Promise<
    | { kind: 'reference'; reference: StoredConversationReference }
    | { kind: 'retry'; status?: number; retryAfterMs?: number; detail: string }
    | { kind: 'unreachable'; reason: string; detail: string }
  >;
}

export interface DispatcherDeps {
  store: OutboxRepository;
  delivery: DeliveryPort;
  config: OutboxConfig;
  clock: Clock;
  logger: Logger;
  /** Names this instance in claims (for the log and for people reading the table). */
  instanceId: string;
  random?: () => number;
  /** Called once per batch, by the instance that sees it finish (e.g. to tell the requester). */
  onBatchDone?: (status: BatchStatus) => Promise<void>;
  /** Installs the app for people without a conversation (PROACTIVE_INSTALL); without it they cannot be reached. */
  resolver?: ConversationResolver;
}

/**
 * Sends what is due in the outbox. Any number of instances may run one each: a message is sent
 * by the instance whose ETag claim wins; a claim that is never finished (the instance died) ends
 * with its lease and the message is claimed again. Between claim and send it keeps to the
 * tenant share (in memory) and the conversation's limits (shared, in Table Storage).
 *
 * Exactly once, except for one window: an instance dying between the connector's answer and
 * recording it sends that message again after the lease (the Bot Connector has no idempotency key).
 */
export class OutboxDispatcher {
  private readonly tenantLimiter: TenantLimiter;
  private readonly conversationLimits: WindowLimit[];
  private readonly random: () => number;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: DispatcherDeps) {
    const { config, clock } = deps;
    this.tenantLimiter = new TenantLimiter(padded(tenantWindows(config.tenantRequestsPerSecond, config.instances)), clock);
    this.conversationLimits = padded(config.conversationLimits);
    this.random = deps.random ?? Math.random;
  }

  /**
   * One pass: claims and sends what is due now (a page per open batch), closes batches with
   * nothing left. Returns how many messages it tried to claim (0: nothing is due).
   */
  async drainOnce(): Promise<number> {
    const { store, config, clock } = this.deps;
    const now = clock.now();
    const due: OutboxEntry[] = [];
    for (const batchId of shuffled(await store.openBatches(), this.random)) {
      const page = await store.claimable(batchId, now, config.concurrency * 8);
      if (page.length === 0) await this.closeIfDone(batchId);
      due.push(...page);
    }
    await forEachConcurrently(shuffled(due, this.random), config.concurrency, (entry) => this.send(entry));
    return due.length;
  }

  /** Runs drainOnce until stop(), resting `pollMs` whenever nothing is due. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let tried = 0;
        try {
          tried = await this.drainOnce();
        } catch (error) {
          this.deps.logger.error({ err: error }, 'outbox: a pass failed');
        }
        if (tried === 0 && this.running) await this.deps.clock.sleep(this.deps.config.pollMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async closeIfDone(batchId: string): Promise<void> {
    const closed = await this.deps.store.closeIfDone(batchId, this.deps.clock.now());
    if (!closed) return;
    this.deps.logger.info({ batch: closed }, 'outbox: batch done');
    try {
      await this.deps.onBatchDone?.(closed);
    } catch (error) {
      this.deps.logger.error({ err: error, batchId }, 'outbox: reporting a finished batch failed');
    }
  }

  private async send(entry: OutboxEntry): Promise<void> {
    const { store, config, clock, instanceId } = this.deps;
    const first = await store.claim(entry, instanceId, clock.now(), config.leaseMs);
    if (!first) return;
    // Someone the bot has no conversation with: the app is installed for them first (Graph's own limits).
    const claimed = first.item.reference ? first : await this.resolve(first);
    if (!claimed) return;
    await this.tenantLimiter.acquire(claimed.item.tenantId);
    const leaseLeft = Date.parse(claimed.item.availableAt) - clock.now().getTime();
    if (leaseLeft < Math.min(minimumLeaseLeftMs, config.leaseMs / 2)) {
      await store.release(claimed, clock.now(), { countAttempt: false });
      return;
    }
    const gate = await this.reserveConversation(claimed.item.conversationId);
    if (gate.kind === 'blocked') {
      if (await store.markFailed(claimed, { reason: 'blocked', detail: 'the conversation refused the bot earlier (403)' }, clock.now())) {
        recordOutboxOutcome({ kind: 'dead-lettered', reason: 'blocked' });
      }
      return;
    }
    if (gate.kind === 'wait') {
      await store.release(claimed, new Date(gate.retryAt), { countAttempt: false });
      return;
    }
    const result = await this.deliver(claimed);
    await this.record(claimed, result);
  }

  /**
   * The claimed message with the conversation the resolver found (kept in the item from now on),
   * or undefined when it was put back for later (Graph throttled or failed) or given up on.
   */
  private async resolve(entry: OutboxEntry): Promise<OutboxEntry | undefined> {
    const { store, clock } = this.deps;
    const target = entry.item.install;
    const resolution: Awaited<ReturnType<ConversationResolver['resolve']>> = this.deps.resolver && target
      ? await this.deps.resolver.resolve(target).catch((error: unknown) => ({ kind: 'retry' as const, detail: error instanceof Error ? error.message : String(error) }))
      : { kind: 'unreachable', reason: 'not-installed', detail: 'no conversation, and proactive installs are off' };
    switch (resolution.kind) {
      case 'reference':
        return { ...entry, item: { ...entry.item, reference: resolution.reference, conversationId: resolution.reference.conversation.id } };
      case 'unreachable':
        await store.markFailed(entry, { reason: 'unreachable', detail: resolution.reason }, clock.now());
        return undefined;
      case 'retry':
        await this.record(entry, {
          ok: false, message: `install: ${resolution.detail}`,
          ...(resolution.status === undefined ? {} : { status: resolution.status === 429 ? 429 : 503 }),
          ...(resolution.retryAfterMs === undefined ? {} : { retryAfter: String(Math.ceil(resolution.retryAfterMs / 1000)) }),
        });
        return undefined;
    }
  }

  /** Takes a slot in the conversation's windows, sleeping through short waits. */
  private async reserveConversation(conversationId: string) {
    const { store, clock } = this.deps;
    for (;;) {
      const gate = await store.reserveSend(conversationId, (sends) => reserveSlot(sends, this.conversationLimits, clock.now().getTime()));
      if (gate.kind !== 'wait') return gate;
      const wait = gate.retryAt - clock.now().getTime();
      if (wait > longestInlineWaitMs) return gate;
      await clock.sleep(wait);
    }
  }

  private async deliver(entry: OutboxEntry): Promise<DeliveryResult> {
    try {
      return await this.deps.delivery.deliver(entry.item.reference!, entry.item.activity);
    } catch (error) {
      // The port should not throw; if it does, treat it like a network failure.
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private async record(entry: OutboxEntry, result: DeliveryResult): Promise<void> {
    const { store, config, clock, logger } = this.deps;
    const now = clock.now();
    const verdict = classifyDelivery(result, now.getTime());
    const failure = result.ok ? undefined : { ...(result.status === undefined ? {} : { status: result.status }), detail: result.message };
    let recorded = true;
    switch (verdict.kind) {
      case 'delivered':
        recorded = await store.markDelivered(entry);
        break;
      case 'blocked':
        await store.blockConversation(entry.item.conversationId, failure!.detail, now);
        recorded = await store.markFailed(entry, { reason: 'blocked', ...failure! }, now);
        break;
      case 'rejected':
        recorded = await store.markFailed(entry, { reason: 'rejected', ...failure! }, now);
        break;
      case 'retry': {
        if (entry.item.attempts >= config.maxAttempts) {
          recorded = await store.markFailed(entry, { reason: 'exhausted', ...failure! }, now);
          break;
        }
        const policy = { baseMs: config.backoffBaseMs, maxMs: config.backoffMaxMs };
        const delay = retryDelayMs(entry.item.attempts, policy, this.random, verdict.retryAfterMs);
        const lastError = `${failure!.status ?? 'network'}: ${failure!.detail}`.slice(0, 500);
        recorded = await store.release(entry, new Date(now.getTime() + delay), { lastError, countAttempt: true });
        break;
      }
    }
    if (!recorded) logger.warn({ batchId: entry.batchId, itemId: entry.itemId, outcome: verdict.kind }, 'outbox: lease lost before the outcome was recorded');
    else recordOutboxOutcome(outboxOutcomeOf(verdict.kind, entry.item.attempts >= config.maxAttempts, failure?.status));
  }
}
