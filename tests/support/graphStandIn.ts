import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in Microsoft Graph on loopback that behaves like the parts the bot uses:
 * - `GET /v1.0/users/delta` — the first round pages every user (`@odata.nextLink`, `$skiptoken`)
 *   and ends with `@odata.deltaLink` (`$deltatoken`); a later round with that link gives only the
 *   users changed since, removed ones as `@removed`, a changed manager as `manager@delta`; an
 *   expired token answers 410 (resync required);
 * - `GET /v1.0/groups/{id}/transitiveMembers` — paged, users and nested groups;
 * - `POST /v1.0/users/{id}/teamwork/installedApps` (201, or 409 when already installed),
 *   `GET …/installedApps?$filter=teamsApp/id eq '…'` and `GET …/installedApps/{id}/chat`;
 * - the bearer token is checked (401), throttling answers 429 with `Retry-After`, and the next
 *   answers can be made to fail or to be broken (not JSON, or the wrong shape).
 */

export interface StandInUser {
  id: string;
  displayName: string;
  mail?: string | null;
  userPrincipalName: string;
  department?: string | null;
  jobTitle?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  accountEnabled: boolean;
  userType?: string;
  managerId?: string;
}

interface Stored {
  user: StandInUser;
  changedAt: number;
  managerChangedAt: number;
}

/** Why installing for a person fails, as Graph says it (status, code, message). */
export interface InstallFailure {
  status: number;
  code: string;
  message: string;
  innerCode?: string;
}

/** Graph's own answers for the people the app cannot be installed for (as products report them). */
export const installFailures = {
  blockedByPolicy: { status: 403, code: 'Forbidden', innerCode: 'AccessDenied', message: 'App is blocked by app permission policy. TenantId: t, UserObjectId: u, AppType: Private' },
  noLicence: { status: 403, code: 'Forbidden', message: 'Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them.' },
  notFound: { status: 404, code: 'NotFound', message: "User Id 'u' not found." },
} satisfies Record<string, InstallFailure>;

type Fault = { kind: 'status'; status: number; retryAfter?: string } | { kind: 'not-json' } | { kind: 'wrong-shape' } | { kind: 'foreign-link' };

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = <T>(token: string): T => JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;

export async function startGraphStandIn(options: { token?: string; pageSize?: number; botId?: string } = {}) {
  const token = options.token ?? 'stand-in-graph-token';
  const pageSize = options.pageSize ?? 3;
  const botId = options.botId ?? 'kompetencebot';
  let version = 0;
  const users = new Map<string, Stored>();
  const removed = new Map<string, number>();
  const groups = new Map<string, string[]>();
  /** Installed apps per user: installation id → catalog app id. */
  const installed = new Map<string, Map<string, string>>();
  const failures = new Map<string, InstallFailure>();
  let faults: Fault[] = [];
  let oldestValidToken = 0;
  /** Requests per second above this are answered 429 (Retry-After: 1). */
  let limitPerSecond = Infinity;
  const recent: number[] = [];
  const requests: Array<{ method: string; path: string; at: number }> = [];
  const installCalls = new Map<string, number>();
  let throttled = 0;
  let base = '';

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string, extra: { innerCode?: string; headers?: Record<string, string> } = {}) =>
    send(res, status, { error: { code, message, innerError: { ...(extra.innerCode ? { code: extra.innerCode } : {}), date: new Date().toISOString(), 'request-id': 'stand-in' } } }, extra.headers);

  const userJson = (stored: Stored, withManager: boolean) => {
    const { managerId, ...user } = stored.user;
    return {
      ...user,
      ...(withManager ? { 'manager@delta': managerId ? [{ '@odata.type': '#microsoft.graph.user', id: managerId }] : [] } : {}),
    };
  };

  /** The items of a delta round since `since` (-1: everyone now), as of `until`. */
  const deltaItems = (since: number) => {
    const changed = [...users.values()].filter((s) => since < 0 || s.changedAt > since || s.managerChangedAt > since);
    const items: unknown[] = changed.map((s) => userJson(s, since < 0 ? Boolean(s.user.managerId) : s.managerChangedAt > since));
    if (since >= 0) for (const [id, at] of removed) if (at > since) items.push({ id, '@removed': { reason: 'changed' } });
    return items.sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)));
  };

  function usersDelta(url: URL, res: ServerResponse) {
    const skip = url.searchParams.get('$skiptoken');
    const delta = url.searchParams.get('$deltatoken');
    let round: { since: number; until: number; offset: number };
    if (skip) round = decode(skip);
    else if (delta !== null) {
      const since = Number(delta);
      if (!Number.isInteger(since) || since < oldestValidToken) {
        error(res, 410, 'resyncRequired', 'The delta token is expired. Start a full synchronization.');
        return;
      }
      round = { since, until: version, offset: 0 };
    } else round = { since: -1, until: version, offset: 0 };
    const items = deltaItems(round.since);
    const page = items.slice(round.offset, round.offset + pageSize);
    const more = round.offset + pageSize < items.length;
    send(res, 200, {
      '@odata.context': `${base}/v1.0/$metadata#users`,
      ...(more
        ? { '@odata.nextLink': `${base}/v1.0/users/delta?$skiptoken=${encode({ ...round, offset: round.offset + pageSize })}` }
        : { '@odata.deltaLink': `${base}/v1.0/users/delta?$deltatoken=${round.until}` }),
      value: page,
    });
  }

  function transitiveMembers(groupId: string, url: URL, res: ServerResponse) {
    const members = groups.get(groupId);
    if (!members) {
      error(res, 404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`);
      return;
    }
    const offset = Number(url.searchParams.get('$skiptoken') ?? 0);
    const all = [...members.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })), { '@odata.type': '#microsoft.graph.group', id: `${groupId}-nested` }];
    const more = offset + pageSize < all.length;
    send(res, 200, {
      value: all.slice(offset, offset + pageSize),
      ...(more ? { '@odata.nextLink': `${base}/v1.0/groups/${groupId}/transitiveMembers?$select=id&$skiptoken=${offset + pageSize}` } : {}),
    });
  }

  const installationIdOf = (userId: string, appId: string) => Buffer.from(`${userId}##${appId}`).toString('base64');
  const chatIdOf = (userId: string) => `19:${userId}_${botId}@unq.gbl.spaces`;

  function installApp(userId: string, body: string, res: ServerResponse) {
    const bind = (JSON.parse(body || '{}') as Record<string, unknown>)['teamsApp@odata.bind'];
    const appId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
    if (!appId) return error(res, 400, 'BadRequest', 'teamsApp@odata.bind is missing or wrong.');
    installCalls.set(userId, (installCalls.get(userId) ?? 0) + 1);
    const failure = failures.get(userId);
    if (failure) return error(res, failure.status, failure.code, failure.message, failure.innerCode ? { innerCode: failure.innerCode } : {});
    const stored = users.get(userId);
    if (!stored) return error(res, 404, installFailures.notFound.code, installFailures.notFound.message.replace("'u'", `'${userId}'`));
    if (!stored.user.accountEnabled) return error(res, 403, 'Forbidden', 'The user account is disabled.');
    const apps = installed.get(userId) ?? new Map<string, string>();
    if ([...apps.values()].includes(appId)) return error(res, 409, 'Conflict', 'App is already installed for the user.');
    apps.set(installationIdOf(userId, appId), appId);
    installed.set(userId, apps);
    send(res, 201);
  }

  function listApps(userId: string, url: URL, res: ServerResponse) {
    if (!users.has(userId)) return error(res, 404, 'NotFound', `User Id '${userId}' not found.`);
    const wanted = /teamsApp\/id eq '([^']+)'/.exec(url.searchParams.get('$filter') ?? '')?.[1];
    const apps = [...(installed.get(userId) ?? new Map<string, string>())].filter(([, appId]) => !wanted || appId === wanted);
    send(res, 200, { value: apps.map(([id, appId]) => ({ id, teamsApp: { id: appId, externalId: appId, displayName: 'Kompetencebot', distributionMethod: 'organization' } })) });
  }

  function chatOf(userId: string, installationId: string, res: ServerResponse) {
    if (!installed.get(userId)?.has(installationId)) return error(res, 404, 'NotFound', 'The app is not installed for the user.');
    send(res, 200, { id: chatIdOf(userId), chatType: 'oneOnOne', tenantId: 't' });
  }

  // Held: requests wait (and are counted) until released — two runs can be made to overlap.
  let held: { waiting: number; released: Promise<void>; release: () => void } | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (held) {
        held.waiting += 1;
        await held.released;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', base);
      const path = decodeURIComponent(url.pathname);
      const now = Date.now();
      requests.push({ method: req.method ?? '', path, at: now });
      if (req.headers.authorization !== `Bearer ${token}`) return error(res, 401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      while (recent.length && recent[0]! <= now - 1000) recent.shift();
      if (recent.length >= limitPerSecond) {
        throttled++;
        return error(res, 429, 'TooManyRequests', 'Too many requests.', { headers: { 'retry-after': '1' } });
      }
      recent.push(now);
      const fault = faults.shift();
      if (fault?.kind === 'status') {
        return error(res, fault.status, fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'Stand-in fault.', fault.retryAfter ? { headers: { 'retry-after': fault.retryAfter } } : {});
      }
      if (fault?.kind === 'not-json') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>Service temporarily unavailable</html>');
        return;
      }
      if (fault?.kind === 'wrong-shape') return send(res, 200, { value: [{ id: 42, displayName: ['not', 'a', 'name'] }] });
      if (fault?.kind === 'foreign-link') return send(res, 200, { value: [], '@odata.nextLink': 'https://graph.example.net/v1.0/users/delta?$skiptoken=steal' });
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && path === '/v1.0/users/delta') return usersDelta(url, res);
      if (req.method === 'GET' && (m = /^\/v1\.0\/groups\/([^/]+)\/transitiveMembers$/.exec(path))) return transitiveMembers(m[1]!, url, res);
      if ((m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path))) {
        if (req.method === 'POST') return installApp(m[1]!.toLowerCase(), body, res);
        if (req.method === 'GET') return listApps(m[1]!.toLowerCase(), url, res);
      }
      if (req.method === 'GET' && (m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/.exec(path))) return chatOf(m[1]!.toLowerCase(), m[2]!, res);
      return error(res, 404, 'UnknownRoute', `No stand-in for ${req.method} ${path}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const touch = (stored: Stored, managerChanged: boolean) => {
    version += 1;
    stored.changedAt = version;
    if (managerChanged) stored.managerChangedAt = version;
  };

  return {
    baseUrl: `${base}/v1.0`,
    token,
    /** Holds every request until the returned release is called; `waiting()` says how many are held. */
    hold() {
      let release = () => {};
      const released = new Promise<void>((resolve) => { release = resolve; });
      const state = { waiting: 0, released, release };
      held = state;
      return {
        waiting: () => state.waiting,
        release: () => {
          held = undefined;
          state.release();
        },
      };
    },
    /** Adds or changes people (a changed manager is reported as `manager@delta`). */
    upsertUsers(list: StandInUser[]) {
      for (const user of list) {
        const id = user.id.toLowerCase();
        const existing = users.get(id);
        const stored: Stored = existing ?? { user, changedAt: 0, managerChangedAt: 0 };
        const managerChanged = !existing || existing.user.managerId !== user.managerId;
        stored.user = { ...user, id };
        users.set(id, stored);
        removed.delete(id);
        touch(stored, managerChanged);
      }
    },
    /** Changes some fields of a person. */
    updateUser(id: string, change: Partial<Omit<StandInUser, 'id'>>) {
      const stored = users.get(id.toLowerCase());
      if (!stored) throw new Error(`no stand-in user ${id}`);
      const managerChanged = 'managerId' in change && change.managerId !== stored.user.managerId;
      stored.user = { ...stored.user, ...change };
      touch(stored, managerChanged);
    },
    /** Deletes a person from the directory (a later delta round reports `@removed`). */
    deleteUser(id: string) {
      users.delete(id.toLowerCase());
      version += 1;
      removed.set(id.toLowerCase(), version);
    },
    user: (id: string) => users.get(id.toLowerCase())?.user,
    setGroup(groupId: string, memberIds: string[]) {
      groups.set(groupId, memberIds.map((id) => id.toLowerCase()));
    },
    /** Every delta token handed out so far stops working (410). */
    expireDeltaTokens() {
      oldestValidToken = version + 1;
    },
    /** The next requests fail with these statuses (429 with the given Retry-After). */
    failNext(statuses: Array<number | { status: number; retryAfter: string }>) {
      faults.push(...statuses.map((s): Fault => (typeof s === 'number' ? { kind: 'status', status: s } : { kind: 'status', ...s })));
    },
    /** The next answer is 200 but broken (or sends the next page to another host). */
    breakNext(kind: 'not-json' | 'wrong-shape' | 'foreign-link') {
      faults.push({ kind });
    },
    clearFaults() {
      faults = [];
    },
    /** Installing for this person fails as Graph says. */
    failInstallFor(userId: string, failure: InstallFailure) {
      failures.set(userId.toLowerCase(), failure);
    },
    /** Requests per second above this get 429 with Retry-After: 1. */
    limitRate(perSecond: number) {
      limitPerSecond = perSecond;
    },
    isInstalled: (userId: string) => (installed.get(userId.toLowerCase())?.size ?? 0) > 0,
    chatIdOf,
    /** POSTs to install the app, per person (successful or not). */
    installCalls,
    requests,
    /** Requests answered 429 because they came faster than `limitRate` allows. */
    get throttled() {
      return throttled;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type GraphStandIn = Awaited<ReturnType<typeof startGraphStandIn>>;
