import { z } from 'zod';
import { type Clock, systemClock } from '../messaging/clock';
import { parseRetryAfter, retryDelayMs } from '../messaging/retry';

/**
 * Microsoft Graph over plain `fetch`, every answer checked with zod. Written rather than taken
 * from `@microsoft/microsoft-graph-client` because: that client is in maintenance (its successor,
 * the Kiota-generated `@microsoft/msgraph-sdk`, is large for the five calls we make); its retry
 * handler sleeps through 429s invisibly, while proactive installs must hand `Retry-After` to the
 * durable outbox and count every request against Graph's limits; and it does not validate what
 * Graph answers. Paging follows `@odata.nextLink` and `@odata.deltaLink` only on Graph's own
 * origin, so a forged link can never receive the token.
 */

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 (a stand-in on loopback in tests). */
  baseUrl: string;
  /** A bearer token for Graph (cached and renewed by @azure/identity). */
  getToken: () => Promise<string>;
  /** Attempts per request when Graph throttles (429) or fails (5xx, network) — for `get`/`pages`; `send` never retries. */
  maxAttempts?: number;
  /** Waits between attempts (exponential, never shorter than Retry-After). */
  backoff?: { baseMs: number; maxMs: number };
  clock?: Clock;
  random?: () => number;
  /** Taken before every request (Graph's per-app, per-tenant limits). */
  limiter?: { acquire(): Promise<void> };
  fetch?: typeof fetch;
}

/** What Graph answered when it did not give what was asked: its status, error code and Retry-After. */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly innerCode: string | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'GraphError';
  }

  /** Throttled, a server fault or a network failure: worth trying again later. */
  get retriable(): boolean {
    return this.status === undefined || this.status === 429 || this.status === 408 || this.status >= 500;
  }
}

/** Graph answered 2xx with something that is not what its documentation says (a broken response). */
export class GraphResponseError extends Error {
  constructor(what: string, detail: string) {
    super(`Microsoft Graph sent an unexpected ${what}: ${detail}`);
    this.name = 'GraphResponseError';
  }
}

const errorBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z.object({ code: z.string().optional(), message: z.string().optional() }).passthrough().optional(),
  }).passthrough(),
}).passthrough();

const collectionSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
}).passthrough();

export interface GraphResponse {
  status: number;
  body: unknown;
}

export class GraphClient {
  private readonly origin: string;
  private readonly base: string;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: GraphClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.base).origin;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.fetcher = options.fetch ?? fetch;
  }

  /** A path under the base URL, or a full link Graph gave (which must be on Graph's origin). */
  private urlOf(pathOrLink: string): string {
    if (!/^https?:\/\//i.test(pathOrLink)) return `${this.base}${pathOrLink.startsWith('/') ? '' : '/'}${pathOrLink}`;
    if (new URL(pathOrLink).origin !== this.origin) throw new GraphResponseError('link', `${pathOrLink} is not on ${this.origin}`);
    return pathOrLink;
  }

  /**
   * One request, no retry: the status and parsed body of a 2xx, or a GraphError with Graph's
   * code and Retry-After. For callers that retry durably themselves (the outbox).
   */
  async send(method: 'GET' | 'POST', pathOrLink: string, body?: unknown, headers: Record<string, string> = {}): Promise<GraphResponse> {
    const url = this.urlOf(pathOrLink);
    await this.options.limiter?.acquire();
    let response: Response;
    try {
      response = await this.fetcher(url, {
        method,
        headers: {
          authorization: `Bearer ${await this.options.getToken()}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      throw new GraphError(`${method} ${new URL(url).pathname}: ${error instanceof Error ? error.message : String(error)}`, undefined, undefined, undefined, undefined);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      if (response.ok) throw new GraphResponseError('body', `${method} ${new URL(url).pathname} did not answer JSON`);
      parsed = undefined;
    }
    if (response.ok) return { status: response.status, body: parsed };
    const error = errorBodySchema.safeParse(parsed);
    const detail = error.success ? error.data.error : undefined;
    throw new GraphError(
      `${method} ${new URL(url).pathname}: ${response.status} ${detail?.code ?? ''} ${detail?.message ?? text.slice(0, 300)}`.trim(),
      response.status,
      detail?.code,
      detail?.innerError?.code,
      parseRetryAfter(response.headers.get('retry-after'), this.clock.now().getTime()),
    );
  }

  /** A request retried while Graph throttles or fails, waiting at least Retry-After each time. */
  async request(method: 'GET' | 'POST', pathOrLink: string, body?: unknown, headers?: Record<string, string>): Promise<GraphResponse> {
    const maxAttempts = this.options.maxAttempts ?? 6;
    const backoff = this.options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(method, pathOrLink, body, headers);
      } catch (error) {
        if (!(error instanceof GraphError) || !error.retriable || attempt >= maxAttempts) throw error;
        await this.clock.sleep(retryDelayMs(attempt, backoff, this.random, error.retryAfterMs));
      }
    }
  }

  /** GET with retries, the body checked against `schema`. */
  async get<T>(pathOrLink: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, headers?: Record<string, string>): Promise<T> {
    const { body } = await this.request('GET', pathOrLink, undefined, headers);
    return parse(schema, body, pathOrLink);
  }

  /**
   * Every page of a collection, following `@odata.nextLink`; the last page's `@odata.deltaLink`
   * (delta queries) is returned with it. Each item is checked against `itemSchema`.
   */
  async *pages<T>(pathOrLink: string, itemSchema: z.ZodType<T, z.ZodTypeDef, unknown>, headers?: Record<string, string>): AsyncGenerator<{ items: T[]; deltaLink?: string }> {
    let next: string | undefined = pathOrLink;
    while (next) {
      const page: z.infer<typeof collectionSchema> = await this.get(next, collectionSchema, headers);
      const items = page.value.map((item, i) => parse(itemSchema, item, `${next} value[${i}]`));
      const deltaLink = page['@odata.deltaLink'];
      next = page['@odata.nextLink'];
      if (next) this.urlOf(next);
      if (deltaLink) this.urlOf(deltaLink);
      yield { items, ...(deltaLink ? { deltaLink } : {}) };
    }
  }
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown, where: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new GraphResponseError('answer', `${where.replace(/\?.*$/, '')}: ${result.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
  }
  return result.data;
}
