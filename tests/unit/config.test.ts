import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config';

const botId = '11111111-2222-4333-8444-555555555555';
const tenant = '66666666-7777-4888-9999-000000000000';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('when nothing is set, then production mode refuses to start and lists every missing variable at once', () => {
    const problems = problemsOf({});
    expect(problems.join('\n')).toMatch(/BOT_ID is required/);
    expect(problems.join('\n')).toMatch(/BOT_TENANT_ID is required/);
    expect(problems.join('\n')).toMatch(/BOT_PASSWORD is required/);
    expect(problems.join('\n')).toMatch(/STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING is required/);
  });

  it('when local mode is chosen explicitly, then no credentials are needed and traffic is anonymous', () => {
    const config = parseConfig({ APP_ENV: 'local' });
    expect(config.mode).toBe('local');
    expect(config.bot).toBeUndefined();
    expect(config.storage).toBeUndefined();
    expect(config.port).toBe(3978);
  });

  it('when a single-tenant bot is fully configured, then the config carries its identity and storage', () => {
    const config = parseConfig({
      BOT_ID: botId, BOT_PASSWORD: 'secret', BOT_TENANT_ID: tenant,
      STORAGE_ACCOUNT_URL: 'https://kb.table.core.windows.net', AZURE_CLIENT_ID: botId, PORT: '8080',
    });
    expect(config.bot).toEqual({ appId: botId, tenantId: tenant, type: 'SingleTenant', password: 'secret' });
    expect(config.storage).toEqual({ kind: 'accountUrl', accountUrl: 'https://kb.table.core.windows.net', managedIdentityClientId: botId });
    expect(config.port).toBe(8080);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when the bot runs on a managed identity, then no password is needed, and one given is refused', () => {
    const msi = { BOT_ID: botId, BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: tenant, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
    expect(parseConfig(msi).bot?.type).toBe('UserAssignedMsi');
    expect(problemsOf({ ...msi, BOT_PASSWORD: 'x' }).join()).toMatch(/BOT_PASSWORD must be empty/);
  });

  it('when values are malformed, then each is named with what is wrong', () => {
    const problems = problemsOf({ APP_ENV: 'staging', PORT: 'eighty', BOT_ID: 'not-a-guid', TABLE_PREFIX: '1bad', BOT_TYPE: 'MultiTenant' });
    const text = problems.join('\n');
    expect(text).toMatch(/APP_ENV/);
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/BOT_ID must be a GUID/);
    expect(text).toMatch(/TABLE_PREFIX must start with a letter/);
    expect(text).toMatch(/BOT_TYPE/);
  });

  it('when a local bot is given an app id, then it needs the tenant too (inbound tokens will be validated)', () => {
    expect(problemsOf({ APP_ENV: 'local', BOT_ID: botId }).join()).toMatch(/BOT_TENANT_ID is required whenever BOT_ID is set/);
  });

  it('when both storage settings are given, then the ambiguity is refused', () => {
    expect(problemsOf({ APP_ENV: 'local', STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', STORAGE_ACCOUNT_URL: 'https://a.table.core.windows.net' }).join())
      .toMatch(/both set/);
  });

  it('when the jobs and reminder settings are given, then they are read; a short jobs key or odd hours are refused', () => {
    const config = parseConfig({ APP_ENV: 'local', JOBS_KEY: 'k'.repeat(32), JOBS_TICK_SECONDS: '0', NUDGE_MAX: '3', SEND_HOURS: '9-16' });
    expect(config.jobs).toEqual({ key: 'k'.repeat(32), tickSeconds: 0 });
    expect(config.reminders).toEqual({ maxNudges: 3, sendFromHour: 9, sendUntilHour: 16 });
    expect(parseConfig({ APP_ENV: 'local' }).jobs).toEqual({ tickSeconds: 60 });
    expect(problemsOf({ APP_ENV: 'local', JOBS_KEY: 'short' }).join()).toMatch(/JOBS_KEY must be at least 32 characters/);
    expect(problemsOf({ APP_ENV: 'local', SEND_HOURS: '17-8' }).join()).toMatch(/SEND_HOURS/);
  });
  it('when no retention period is set, then cycles are kept 3 years; a period under 1 year is refused', () => {
    expect(parseConfig({ APP_ENV: 'local' }).retentionYears).toBe(3);
    expect(parseConfig({ APP_ENV: 'local', RETENTION_YEARS: '5' }).retentionYears).toBe(5);
    expect(problemsOf({ APP_ENV: 'local', RETENTION_YEARS: '0' }).join('\n')).toMatch(/RETENTION_YEARS.*at least 1/);
    expect(problemsOf({ APP_ENV: 'local', RETENTION_YEARS: 'three' }).join('\n')).toMatch(/RETENTION_YEARS/);
  });

  it('when the outbox is not configured, then Teams\' documented limits apply, and bad limits are named', () => {
    const outbox = parseConfig({ APP_ENV: 'local' }).outbox;
    expect(outbox).toMatchObject({ tenantRequestsPerSecond: 50, instances: 1, maxAttempts: 8, leaseMs: 60_000 });
    expect(outbox.conversationLimits).toEqual([
      { limit: 7, windowMs: 1000 }, { limit: 8, windowMs: 2000 }, { limit: 60, windowMs: 30_000 }, { limit: 1800, windowMs: 3_600_000 },
    ]);
    expect(parseConfig({ APP_ENV: 'local', OUTBOX_TENANT_RPS: '30', OUTBOX_INSTANCES: '3' }).outbox).toMatchObject({ tenantRequestsPerSecond: 30, instances: 3 });
    const problems = problemsOf({ APP_ENV: 'local', OUTBOX_CONVERSATION_LIMITS: 'seven a second', OUTBOX_INSTANCES: '0' }).join('\n');
    expect(problems).toMatch(/OUTBOX_CONVERSATION_LIMITS must be sends\/seconds pairs/);
    expect(problems).toMatch(/OUTBOX_INSTANCES/);
  });

  describe('Microsoft Graph (Entra ID sync, proactive installs)', () => {
    const production = { BOT_ID: botId, BOT_PASSWORD: 'secret', BOT_TENANT_ID: tenant, STORAGE_ACCOUNT_URL: 'https://kb.table.core.windows.net' };

    it('when nothing about Graph is set, then both features are off, and by default Graph uses the bot\'s own identity', () => {
      const config = parseConfig(production);
      expect(config.entraSync).toBeUndefined();
      expect(config.proactiveInstall).toBeUndefined();
      expect(config.graph).toEqual({ baseUrl: 'https://graph.microsoft.com/v1.0', credential: { kind: 'client-secret', tenantId: tenant, clientId: botId, clientSecret: 'secret' }, requestsPerSecond: 10 });
    });

    it("when the bot runs as a user-assigned managed identity, then Graph uses that identity (no secret)", () => {
      const config = parseConfig({ BOT_ID: botId, BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: tenant, STORAGE_ACCOUNT_URL: 'https://kb.table.core.windows.net', PROACTIVE_INSTALL: 'on', TEAMS_APP_CATALOG_ID: 'a1b2c3d4-0000-4000-8000-000000000001' });
      expect(config.graph?.credential).toEqual({ kind: 'managed-identity', clientId: botId });
      expect(config.proactiveInstall).toEqual({ catalogAppId: 'a1b2c3d4-0000-4000-8000-000000000001', serviceUrl: 'https://smba.trafficmanager.net/teams/' });
    });

    it('when proactive installs are on without the catalog id, or a fixed token is given outside local mode, then the start is refused saying why', () => {
      expect(problemsOf({ ...production, PROACTIVE_INSTALL: 'on' }).join('\n')).toMatch(/TEAMS_APP_CATALOG_ID is required when PROACTIVE_INSTALL=on/);
      expect(problemsOf({ ...production, GRAPH_TOKEN: 'x' }).join('\n')).toMatch(/GRAPH_TOKEN is for a stand-in Graph in local mode only/);
      expect(problemsOf({ APP_ENV: 'local', ENTRA_SYNC: 'on' }).join('\n')).toMatch(/GRAPH_CLIENT_SECRET or a managed identity/);
    });

    it('when the sync is on, then it runs every ENTRA_SYNC_MINUTES with the rules file in DATA_DIR unless ENTRA_MAPPING_FILE says otherwise', () => {
      const config = parseConfig({ APP_ENV: 'local', ENTRA_SYNC: 'on', GRAPH_TOKEN: 't', GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0', ENTRA_SYNC_MINUTES: '30' });
      expect(config.entraSync?.everyMinutes).toBe(30);
      expect(config.entraSync?.mappingFile).toMatch(/data[\\/]entra-mapping\.json$/);
      expect(config.graph?.credential).toEqual({ kind: 'token', token: 't' });
    });
  });
});
