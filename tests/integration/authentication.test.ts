import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/app';
import { parseConfig } from '../../src/config';
import { loadDomainData } from '../../src/data/loadDomainData';
import { createServer } from '../../src/server';
import type { Repositories } from '../../src/storage';
import { testRepositories } from '../support/storage';

// Inbound authentication outside local mode, against a local stand-in for the Bot Framework's
// OpenID metadata and signing keys (the bot is pointed at it with BOT_OPENID_METADATA_URL), and
// the tenant allow-list. A turn that gets through stores its conversation in Azurite; a refused
// one stores nothing.
const appId = '11111111-2222-4333-8444-555555555555';
const tenantId = '66666666-7777-4888-9999-000000000000';
const otherTenant = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const issuer = 'https://api.botframework.com';
const serviceUrl = 'https://smba.trafficmanager.net/emea/';

const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

let keys: Server;
let bot: ReturnType<typeof createServer>;
let baseUrl = '';
let repos: Repositories & { prefix: string };
let domainData: Awaited<ReturnType<typeof loadDomainData>>;

function jwt(claims: Record<string, unknown>, key: KeyObject, kid = 'trusted-key'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  return `${body}.${sign('RSA-SHA256', Buffer.from(body), key).toString('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({ iss: issuer, aud: appId, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 3600 });

/** A Teams activity that needs no reply (a reaction): what it leaves behind is its stored conversation. */
/** `null` leaves the tenant out of channelData or the conversation. */
const activity = (conversationId: string, tenant: string | null = tenantId, conversationTenant: string | null = tenant) => ({
  type: 'messageReaction', id: `r-${conversationId}`, channelId: 'msteams', serviceUrl, reactionsAdded: [{ type: 'like' }],
  from: { id: '29:mette-teams-id', aadObjectId: '0d1e2f30-0000-4000-8000-000000000001', name: 'Mette Hansen' }, recipient: { id: `28:${appId}` },
  conversation: { id: conversationId, conversationType: 'personal', ...(conversationTenant ? { tenantId: conversationTenant } : {}) },
  ...(tenant ? { channelData: { tenant: { id: tenant } } } : {}),
});
/** What the bot logs at warn and above, one JSON line each. */
const logLines: string[] = [];

async function post(body: unknown, token?: string) {
  return fetch(`${baseUrl}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
}
const stored = async (conversationId: string) => (await repos.conversations.list('user')).some(({ conversation }) => conversation.reference.conversation?.id === conversationId);

beforeAll(async () => {
  keys = createHttpServer((req, res) => {
    const address = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer, jwks_uri: `${address}/v1/keys` }));
    else if (req.url === '/v1/keys') res.end(JSON.stringify({ keys: [{ ...trusted.publicKey.export({ format: 'jwk' }), kid: 'trusted-key', use: 'sig', endorsements: ['msteams'] }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
  repos = await testRepositories();
  domainData = await loadDomainData();
});
// The bot is made for each test, so that what each test proves covers how the adapter is made too.
beforeEach(async () => {
  const config = parseConfig({
    APP_ENV: 'production', BOT_ID: appId, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: tenantId,
    BOT_OPENID_METADATA_URL: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`,
    STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  });
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
  const app = createBot({ config, repos, domainData, logger });
  bot = createServer({ logger, handleMessages: (req, res) => app.handle(req, res), checkStorage: async () => {} });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}`;
});
afterEach(() => {
  bot?.close();
});
afterAll(() => {
  keys?.close();
});

describe('inbound authentication (production mode)', () => {
  it('when a token is signed by the published key for this bot, then the activity is handled', async () => {
    const response = await post(activity('a:valid'), jwt(validClaims(), trusted.privateKey));
    expect(response.status).toBe(200);
    expect(await stored('a:valid')).toBe(true);
  });

  const refused: Array<[string, () => string | undefined]> = [
    ['there is no token', () => undefined],
    ['the token is forged with a key the Bot Framework did not publish (same key id)', () => jwt(validClaims(), stranger.privateKey)],
    ['the token names a key that is not published', () => jwt(validClaims(), stranger.privateKey, 'unknown-key')],
    ['the token expired (beyond the five minutes of clock skew allowed)', () => jwt({ ...validClaims(), nbf: now() - 7200, exp: now() - 600 }, trusted.privateKey)],
    ['the token is for another bot', () => jwt({ ...validClaims(), aud: '99999999-2222-4333-8444-555555555555' }, trusted.privateKey)],
    ['the token comes from another issuer', () => jwt({ ...validClaims(), iss: 'https://evil.example' }, trusted.privateKey)],
    ['the token was issued for another service URL', () => jwt({ ...validClaims(), serviceurl: 'https://evil.example/' }, trusted.privateKey)],
    ['the signature is cut off', () => jwt(validClaims(), trusted.privateKey).replace(/\.[^.]+$/, '.')],
    ['the token is not valid yet (beyond the five minutes of clock skew allowed)', () => jwt({ ...validClaims(), nbf: now() + 3600, exp: now() + 7200 }, trusted.privateKey)],
    ['the token is not a token at all', () => 'not.a.token'],
    ['the token\'s header is not JSON', () => `${Buffer.from('not json').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.c2ln`],
  ];
  for (const [when, token] of refused) {
    it(`when ${when}, then it is refused with 401 and nothing is stored`, async () => {
      const conversation = `a:${when.slice(0, 20).replace(/\W/g, '-')}`;
      const response = await post(activity(conversation), token());
      expect(response.status).toBe(401);
      expect(await stored(conversation)).toBe(false);
    });
  }
});

describe('the adapter for the other ways the bot runs', () => {
  /** The bot behind HTTP with another configuration, for one request. */
  async function postTo(env: Record<string, string>, body: unknown, token?: string) {
    const app = createBot({ config: parseConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', ...env }), repos, domainData, logger: pino({ level: 'silent' }) });
    const server = createServer({ logger: pino({ level: 'silent' }), handleMessages: (req, res) => app.handle(req, res), checkStorage: async () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      return await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
      });
    } finally {
      server.close();
    }
  }

  it('when the bot runs with a managed identity, then a valid token is handled and a forged one refused', async () => {
    const env = { APP_ENV: 'production', BOT_ID: appId, BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: tenantId, BOT_OPENID_METADATA_URL: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/v1/.well-known/openidconfiguration` };
    expect((await postTo(env, activity('a:msi'), jwt(validClaims(), trusted.privateKey))).status).toBe(200);
    expect(await stored('a:msi')).toBe(true);
    expect((await postTo(env, activity('a:msi-forged'), jwt(validClaims(), stranger.privateKey))).status).toBe(401);
    expect(await stored('a:msi-forged')).toBe(false);
  });

  it('when the channel\'s token issuer is configured (a sovereign cloud), then its tokens are handled and the public cloud\'s refused', async () => {
    const env = {
      APP_ENV: 'production', BOT_ID: appId, BOT_PASSWORD: 'x', BOT_TENANT_ID: tenantId, BOT_TOKEN_ISSUER: 'https://api.botframework.us',
      BOT_OPENID_METADATA_URL: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`,
    };
    expect((await postTo(env, activity('a:gov'), jwt({ ...validClaims(), iss: 'https://api.botframework.us' }, trusted.privateKey))).status).toBe(200);
    expect((await postTo(env, activity('a:gov-public'), jwt(validClaims(), trusted.privateKey))).status).toBe(401);
  });

  it('when the Bot Framework\'s key source cannot be reached, then the request fails as the server\'s fault (500, so Teams retries), not as the caller\'s (401)', async () => {
    const env = { APP_ENV: 'production', BOT_ID: appId, BOT_PASSWORD: 'x', BOT_TENANT_ID: tenantId, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration' };
    const response = await postTo(env, activity('a:no-keys'), jwt(validClaims(), trusted.privateKey));
    expect(response.status).toBe(500);
    expect(await stored('a:no-keys')).toBe(false);
  });

  it('when the bot runs in local mode (no identity), then an activity from a loopback service URL needs no token', async () => {
    const local = { ...activity('a:local', null, null), serviceUrl: 'http://127.0.0.1:9/' };
    expect((await postTo({ APP_ENV: 'local' }, local)).status).toBe(200);
    expect(await stored('a:local')).toBe(true);
  });
});

describe('the tenant allow-list', () => {
  it("when a validly signed activity comes from another organisation's tenant, then nothing runs, nothing is stored, and the log names the tenant but not the person", async () => {
    const logged = logLines.length;
    const response = await post(activity('a:other-tenant', otherTenant), jwt(validClaims(), trusted.privateKey));
    expect(response.status).toBeLessThan(500);
    expect(await stored('a:other-tenant')).toBe(false);
    const log = logLines.slice(logged).join('\n');
    expect(log).toContain('not allowed');
    expect(log).toContain(otherTenant);
    for (const personal of ['29:mette-teams-id', '0d1e2f30-0000-4000-8000-000000000001', 'Mette Hansen', 'a:other-tenant']) expect(log).not.toContain(personal);
  });

  const unclear: Array<[string, Parameters<typeof activity>]> = [
    ["names the bot's tenant in channelData but another in the conversation", ['a:mixed-1', tenantId, otherTenant]],
    ["names the bot's tenant in the conversation but another in channelData", ['a:mixed-2', otherTenant, tenantId]],
    ['names no tenant at all', ['a:no-tenant', null, null]],
  ];
  for (const [when, args] of unclear) {
    it(`when a validly signed activity ${when}, then nothing runs and nothing is stored`, async () => {
      const response = await post(activity(...args), jwt(validClaims(), trusted.privateKey));
      expect(response.status).toBeLessThan(500);
      expect(await stored(args[0])).toBe(false);
    });
  }

  it("when the bot's tenant is named in both places in upper case, then the activity is handled", async () => {
    const response = await post(activity('a:upper', tenantId.toUpperCase()), jwt(validClaims(), trusted.privateKey));
    expect(response.status).toBe(200);
    expect(await stored('a:upper')).toBe(true);
  });

  it('when the allow-list is not set, then production allows the bot\'s own tenant only; ALLOWED_TENANT_IDS widens it; bad ids are refused at start', () => {
    const base = { APP_ENV: 'production', BOT_ID: appId, BOT_PASSWORD: 'x', BOT_TENANT_ID: tenantId, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
    expect(parseConfig(base).allowedTenantIds).toEqual([tenantId]);
    expect(parseConfig({ ...base, ALLOWED_TENANT_IDS: `${tenantId}, ${otherTenant.toUpperCase()}` }).allowedTenantIds).toEqual([tenantId, otherTenant]);
    expect(() => parseConfig({ ...base, ALLOWED_TENANT_IDS: 'contoso' })).toThrow(/ALLOWED_TENANT_IDS must be tenant GUIDs/);
    expect(parseConfig({ APP_ENV: 'local' }).allowedTenantIds).toEqual([]);
  });
});
