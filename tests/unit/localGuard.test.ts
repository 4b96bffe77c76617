import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config';
import { isLoopbackHost, isLoopbackUrl, localModeProblems, storageHostOf } from '../../src/localGuard';
import { azuriteConnectionString } from '../../src/storage/client';

const cloud = 'DefaultEndpointsProtocol=https;AccountName=kommunensdata;AccountKey=a2V5;EndpointSuffix=core.windows.net';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('what counts as this machine', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.10', true], ['localhost', true], ['LOCALHOST', true], ['api.localhost', true], ['localhost.', true], ['::1', true], ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true], ['0000:0000:0000:0000:0000:0000:0000:0001', true], ['::ffff:127.0.0.1', true], ['::ffff:7f00:1', true], ['::ffff:7f00:ab', true], ['::ffff:127.10.20.30', true], ['[::ffff:7f01:0]', true],
    ['0.0.0.0', false], ['::', false], ['10.0.0.1', false], ['128.0.0.1', false], ['192.168.1.2', false], ['::2', false], ['::10', false], ['2001::1', false], ['::1x', false],
    ['0:0:0:0:0:0:0:10', false], ['1:0:0:0:0:0:0:0:1', false], ['::ffff:a00:1', false], ['::ffff:10.0.0.1', false], ['x::ffff:7f00:1', false], ['::ffff:7f00:1x', false], ['::ffff:80:1', false], ['[localhost', false],
    ['localhost.evil.example', false], ['evil-localhost', false], ['127.0.0.1.evil.example', false], ['', false], ['kommune.dk', false],
  ])('when the host is %j, then it is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it.each([
    ['http://127.0.0.1:56150/_connector', true], ['https://localhost/x', true], ['http://[::1]:9/', true], ['http://[::ffff:127.0.0.1]/', true],
    ['https://smba.trafficmanager.net/emea/', false], ['http://127.0.0.1.nip.io/', false], ['http://user@127.0.0.1.evil.example/', false], ['not a url', false], ['', false],
  ])('when a service URL is %j, then it is on this machine: %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });

  it('reads the host a storage setting reaches for tables: Azurite, a table endpoint, an account in the cloud, an account URL', () => {
    expect(storageHostOf({ connectionString: azuriteConnectionString(10002) })).toBe('127.0.0.1');
    expect(storageHostOf({ connectionString: 'UseDevelopmentStorage=true' })).toBe('127.0.0.1');
    expect(storageHostOf({ connectionString: ' UseDevelopmentStorage = TRUE ' })).toBe('127.0.0.1');
    expect(storageHostOf({ connectionString: 'AccountName=a;AccountKey=k;BlobEndpoint=http://127.0.0.1:1/a;TableEndpoint=https://a.table.core.windows.net' })).toBe('a.table.core.windows.net');
    expect(storageHostOf({ connectionString: 'AccountName=a;AccountKey=k;TableEndpoint=http://localhost:1/a' })).toBe('localhost');
    expect(storageHostOf({ connectionString: cloud })).toBe('kommunensdata.table.core.windows.net');
    expect(storageHostOf({ connectionString: 'AccountName=x;AccountKey=k' })).toBe('x.table.core.windows.net');
    expect(storageHostOf({ connectionString: 'AccountName=x;AccountKey=k;EndpointSuffix=core.usgovcloudapi.net' })).toBe('x.table.core.usgovcloudapi.net');
    expect(storageHostOf({ connectionString: 'TableEndpoint=not a url' })).toBe('not a url');
    expect(storageHostOf({ accountUrl: 'https://kb.table.core.windows.net' })).toBe('kb.table.core.windows.net');
    expect(storageHostOf({ accountUrl: 'http://127.0.0.1:10002/devstoreaccount1' })).toBe('127.0.0.1');
  });

  it('names each problem and its variable', () => {
    expect(localModeProblems({ host: '127.0.0.1', storage: { connectionString: azuriteConnectionString(1) } })).toEqual([]);
    expect(localModeProblems({ host: '::1' })).toEqual([]);
    expect(localModeProblems({ host: '0.0.0.0', storage: { accountUrl: 'https://kb.table.core.windows.net' } }).map((p) => p.variable)).toEqual(['HOST', 'STORAGE_ACCOUNT_URL']);
    expect(localModeProblems({ host: 'localhost', storage: { connectionString: cloud } }).map((p) => p.variable)).toEqual(['STORAGE_CONNECTION_STRING']);
    // Azurite for blobs is no excuse: the tables are in the cloud.
    expect(localModeProblems({ host: 'localhost', storage: { connectionString: 'AccountName=a;BlobEndpoint=http://127.0.0.1:1/a' } }).map((p) => p.variable)).toEqual(['STORAGE_CONNECTION_STRING']);
  });
});

describe('local mode in the configuration', () => {
  it('when local mode sets no host, then it listens on loopback; production on every interface', () => {
    expect(parseConfig({ APP_ENV: 'local' }).host).toBe('127.0.0.1');
    expect(parseConfig({ APP_ENV: 'local' }).localNetworkAllowed).toBe(false);
    expect(parseConfig({ BOT_ID: '11111111-2222-4333-8444-555555555555', BOT_PASSWORD: 's', BOT_TENANT_ID: '66666666-7777-4888-9999-000000000000', STORAGE_CONNECTION_STRING: cloud }).host).toBe('0.0.0.0');
  });

  it('when local mode is pointed beyond loopback, then it refuses to start and says how to override', () => {
    expect(problemsOf({ APP_ENV: 'local', HOST: '0.0.0.0' }).join('\n')).toMatch(/^HOST must be a loopback address .*LOCAL_ALLOW_NETWORK=true/);
    expect(problemsOf({ APP_ENV: 'local', STORAGE_CONNECTION_STRING: cloud }).join('\n')).toMatch(/^STORAGE_CONNECTION_STRING must be Azurite/);
    expect(problemsOf({ APP_ENV: 'local', STORAGE_ACCOUNT_URL: 'https://kb.table.core.windows.net' }).join('\n')).toMatch(/^STORAGE_ACCOUNT_URL must be Azurite/);
    expect(problemsOf({ APP_ENV: 'local', HOST: '127.0.0.1', STORAGE_CONNECTION_STRING: azuriteConnectionString(10002) })).toEqual([]);
  });

  it('when the override is set, then local mode starts anywhere and the config says so; the override means nothing in production', () => {
    const config = parseConfig({ APP_ENV: 'local', HOST: '0.0.0.0', STORAGE_CONNECTION_STRING: cloud, LOCAL_ALLOW_NETWORK: 'true' });
    expect(config.localNetworkAllowed).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(parseConfig({ APP_ENV: 'local', LOCAL_ALLOW_NETWORK: 'false' }).localNetworkAllowed).toBe(false);
    expect(problemsOf({ APP_ENV: 'local', LOCAL_ALLOW_NETWORK: 'yes' }).join('\n')).toMatch(/LOCAL_ALLOW_NETWORK/);
    const production = parseConfig({ BOT_ID: '11111111-2222-4333-8444-555555555555', BOT_PASSWORD: 's', BOT_TENANT_ID: '66666666-7777-4888-9999-000000000000', STORAGE_CONNECTION_STRING: cloud, LOCAL_ALLOW_NETWORK: 'true' });
    expect(production.localNetworkAllowed).toBe(false);
  });
});
