import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

/**
 * A Bot Connector on loopback: the bot's replies and proactive messages are POSTed to
 * `<serviceUrl>/v3/conversations/<id>/activities[/<replyToId>]` and recorded here. `failNext`
 * makes the next n requests fail with a status (429 carries `Retry-After: 0`), for fault tests.
 */
export async function startConnectorStub() {
  const received: ReceivedActivity[] = [];
  let failures: Array<number> = [];
  let failed = 0;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404);
        res.end();
        return;
      }
      const status = failures.shift();
      if (status) {
        failed++;
        res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'stub failure' } }));
        return;
      }
      received.push({
        conversationId: decodeURIComponent(match[1]!),
        ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
        activity: JSON.parse(body || '{}') as Record<string, unknown>,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `stub-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    /** The next requests fail with these statuses, in order. */
    failNext(statuses: number[]) {
      failures = [...statuses];
    },
    get failedCount() {
      return failed;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Teams-shaped activities from a person in their personal chat, for POST /api/messages. */
let activityCounter = 0;

export function teamsActivities(serviceUrl: string, user: { aadObjectId: string; name: string }, locale = 'da-DK') {
  const base = () => ({
    channelId: 'msteams', serviceUrl, locale, timestamp: new Date().toISOString(),
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:kompetencebot', name: 'Kompetencebot' },
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: 't' },
    channelData: { tenant: { id: 't' } },
  });
  const nextId = () => `${Date.now()}${String(++activityCounter).padStart(6, '0')}`;
  return {
    message: (text: string, id = nextId()) => ({ ...base(), id, type: 'message', text }),
    execute: (verb: string, data: Record<string, unknown>, id = nextId()) => ({
      ...base(), id, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
    /** The two events of an install (`withLocale`: which of them carries the locale). */
    install: (withLocale: 'installation' | 'conversation') => [
      { ...base(), ...(withLocale === 'installation' ? {} : { locale: undefined }), id: nextId(), type: 'installationUpdate', action: 'add' },
      { ...base(), ...(withLocale === 'conversation' ? {} : { locale: undefined }), id: nextId(), type: 'conversationUpdate', membersAdded: [{ id: '28:kompetencebot' }] },
    ],
    uninstall: () => ({ ...base(), id: nextId(), type: 'installationUpdate', action: 'remove' }),
  };
}

/** POSTs an activity to the bot; an invoke's card comes back in the body. */
export async function postActivity(botUrl: string, activity: object): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
