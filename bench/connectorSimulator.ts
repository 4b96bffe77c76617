import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Connector of Microsoft Teams, for the fan-out benchmark and the
 * delivery tests: it accepts `POST /v3/conversations/{id}/activities` (what botbuilder's
 * `sendActivity` calls, anonymously when the bot has no app id), enforces Teams' documented
 * rate limits — per bot per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/hour; per app per tenant
 * 50/s — answering 429 with Retry-After when a request would exceed one, injects 429s and 5xx
 * at configurable rates, answers 403 for conversations marked blocked, and counts duplicates
 * (the same activity content accepted twice in one conversation).
 *
 * Its limit check is written independently of src/messaging/rateLimit.ts on purpose: it is the
 * referee of that code, not a copy of it. Injected 5xx are answered before the message is
 * accepted (a real connector failing after posting would make a retry a duplicate).
 */

export interface SimulatorLimit {
  limit: number;
  windowMs: number;
}

export const teamsConversationLimits: SimulatorLimit[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

export interface SimulatorOptions {
  port?: number;
  /** Requests per second per tenant (default 50). */
  tenantRequestsPerSecond?: number;
  conversationLimits?: SimulatorLimit[];
  /** Share of requests answered 429 (Retry-After 1–2 s) regardless of the limits. */
  inject429Rate?: number;
  /** Share of requests answered 500, 502, 503 or 504. */
  inject5xxRate?: number;
  /** For reproducible fault injection. */
  random?: () => number;
  now?: () => number;
}

export interface SimulatorStats {
  requests: number;
  /** Distinct messages accepted (duplicates not included). */
  accepted: number;
  duplicates: number;
  /** 429s because a documented limit would have been exceeded (the sender's fault). */
  limited: number;
  injected429: number;
  injected5xx: number;
  forbidden: number;
  firstAcceptedAt?: number;
  lastAcceptedAt?: number;
}

export interface ConnectorSimulator {
  /** The service URL to put in conversation references. */
  serviceUrl: string;
  stats(): SimulatorStats;
  /** Every activity accepted in a conversation, in order (duplicates included). */
  received(conversationId: string): Array<Record<string, unknown>>;
  /** The conversation answers 403 from now on (the user blocked the bot). */
  block(conversationId: string): void;
  /** The next `count` requests get this status (then the configured behaviour resumes). */
  failNext(count: number, status: number, retryAfter?: string): void;
  close(): Promise<void>;
}

/** Accepted request times in one sliding-window scope; old times are dropped as they expire. */
class WindowCounter {
  private readonly times: number[] = [];
  constructor(private readonly limits: SimulatorLimit[]) {}

  /** Milliseconds until one more request fits every window (0 = it fits now). */
  waitFor(now: number): number {
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    while (this.times.length > 0 && this.times[0]! <= now - longest) this.times.shift();
    let wait = 0;
    for (const { limit, windowMs } of this.limits) {
      const inside = this.times.filter((at) => at > now - windowMs);
      if (inside.length >= limit) wait = Math.max(wait, inside[inside.length - limit]! + windowMs - now);
    }
    return wait;
  }

  record(now: number): void {
    this.times.push(now);
  }
}

function tenantOf(body: Record<string, unknown>): string {
  const conversation = body.conversation as { tenantId?: string } | undefined;
  const channelData = body.channelData as { tenant?: { id?: string } } | undefined;
  return conversation?.tenantId ?? channelData?.tenant?.id ?? 'default';
}

/** What makes two messages "the same" for duplicate counting: their visible content. */
function contentKey(body: Record<string, unknown>): string {
  return JSON.stringify([body.type, body.text ?? null, body.attachments ?? null]);
}

export async function startConnectorSimulator(options: SimulatorOptions = {}): Promise<ConnectorSimulator> {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const conversationLimits = options.conversationLimits ?? teamsConversationLimits;
  const tenantLimits = [{ limit: options.tenantRequestsPerSecond ?? 50, windowMs: 1000 }];
  const conversations = new Map<string, WindowCounter>();
  const tenants = new Map<string, WindowCounter>();
  const seen = new Map<string, Set<string>>();
  const received = new Map<string, Array<Record<string, unknown>>>();
  const blocked = new Set<string>();
  const scripted: Array<{ status: number; retryAfter?: string }> = [];
  const stats: SimulatorStats = { requests: 0, accepted: 0, duplicates: 0, limited: 0, injected429: 0, injected5xx: 0, forbidden: 0 };
  let nextId = 0;

  const answer = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (code: string, message: string) => ({ error: { code, message } });

  const handle = (conversationId: string, body: Record<string, unknown>, res: http.ServerResponse) => {
    stats.requests++;
    const script = scripted.shift();
    if (script) {
      return answer(res, script.status, error('Scripted', `scripted ${script.status}`), script.retryAfter ? { 'retry-after': script.retryAfter } : {});
    }
    if (blocked.has(conversationId)) {
      stats.forbidden++;
      return answer(res, 403, error('ConversationBlockedByUser', 'User blocked the conversation with the bot.'));
    }
    const roll = random();
    if (roll < (options.inject429Rate ?? 0)) {
      stats.injected429++;
      return answer(res, 429, error('Throttled', 'injected'), { 'retry-after': String(1 + Math.floor(random() * 2)) });
    }
    if (roll < (options.inject429Rate ?? 0) + (options.inject5xxRate ?? 0)) {
      stats.injected5xx++;
      const status = [500, 502, 503, 504][Math.floor(random() * 4)]!;
      return answer(res, status, error('ServiceError', 'injected'));
    }
    const at = now();
    const conversation = conversations.get(conversationId) ?? new WindowCounter(conversationLimits);
    conversations.set(conversationId, conversation);
    const tenantId = tenantOf(body);
    const tenant = tenants.get(tenantId) ?? new WindowCounter(tenantLimits);
    tenants.set(tenantId, tenant);
    const wait = Math.max(conversation.waitFor(at), tenant.waitFor(at));
    if (wait > 0) {
      stats.limited++;
      return answer(res, 429, error('Throttled', 'rate limit exceeded'), { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
    }
    conversation.record(at);
    tenant.record(at);
    const key = contentKey(body);
    const keys = seen.get(conversationId) ?? new Set<string>();
    seen.set(conversationId, keys);
    if (keys.has(key)) stats.duplicates++;
    else {
      keys.add(key);
      stats.accepted++;
    }
    const list = received.get(conversationId) ?? [];
    list.push(body);
    received.set(conversationId, list);
    stats.firstAcceptedAt ??= at;
    stats.lastAcceptedAt = at;
    return answer(res, 200, { id: `sim-${++nextId}` });
  };

  const server = http.createServer((req, res) => {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url?.split('?')[0] ?? '');
    if (req.method !== 'POST' || !match) return answer(res, 404, error('NotFound', `${req.method} ${req.url}`));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return answer(res, 400, error('BadSyntax', 'not JSON'));
      }
      handle(decodeURIComponent(match[1]!), body, res);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    stats: () => ({ ...stats }),
    received: (conversationId) => [...(received.get(conversationId) ?? [])],
    block: (conversationId) => blocked.add(conversationId),
    failNext: (count, status, retryAfter) => {
      for (let i = 0; i < count; i++) scripted.push({ status, ...(retryAfter ? { retryAfter } : {}) });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
