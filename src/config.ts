import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { localModeProblems, localOverrideVariable } from './localGuard';
import { defaultDataDir, projectRoot } from './paths';
import { parseWindowLimits, type WindowLimit } from './messaging/rateLimit';
import { defaultTablePrefix } from './storage/tables';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

const optionalGuid = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(guid.optional())
  .optional();

export const defaultAnonymityThreshold = 5;
const unresolvedKeyVaultReference = /^@Microsoft\.KeyVault\(/i;
export const defaultRetentionYears = 3;

/** Every environment variable the bot reads. The README's "Configuration" table mirrors this. */
const environmentSchema = z
  .object({
    APP_ENV: z.enum(['local', 'production']).default('production'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    HOST: optionalText,
    [localOverrideVariable]: z.enum(['true', 'false']).default('false'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BOT_ID: optionalGuid,
    BOT_PASSWORD: optionalText,
    BOT_TYPE: z.enum(['SingleTenant', 'UserAssignedMsi']).default('SingleTenant'),
    BOT_TENANT_ID: optionalGuid,
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.string().url('must be the URL of an OpenID metadata document').optional()),
    BOT_TOKEN_ISSUER: optionalText,
    ALLOWED_TENANT_IDS: z
      .string()
      .trim()
      .default('')
      .transform((text, ctx) => {
        const ids = text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
        if (ids.some((id) => !guid.safeParse(id).success)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be tenant GUIDs separated by commas' });
        return ids;
      }),
    STORAGE_CONNECTION_STRING: optionalText,
    STORAGE_ACCOUNT_URL: optionalText.pipe(z.string().url('must be a URL like https://<account>.table.core.windows.net').optional()),
    AZURE_CLIENT_ID: optionalGuid,
    TABLE_PREFIX: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, 'must start with a letter and hold only letters and digits (at most 20)')
      .default(defaultTablePrefix),
    DATA_DIR: optionalText,
    JOBS_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional()),
    JOBS_TICK_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    NUDGE_MAX: z.coerce.number().int().min(0).max(5).default(2),
    RETENTION_YEARS: z.coerce.number().int().min(1, 'must be at least 1 (a cycle is kept at least one full year after it ends)').max(50).default(defaultRetentionYears),
    ANONYMITY_THRESHOLD: z.coerce.number().int().min(3, 'must be at least 3 (fewer would let a figure point at a person)').max(50).default(defaultAnonymityThreshold),
    PUBLIC_BASE_URL: optionalText.pipe(z.string().url('must be a URL like https://kompetencebot.azurewebsites.net').optional()),
    // App Service leaves a Key Vault reference it cannot resolve (no secret yet, no access) as
    // its literal text: that text is public (it is in the Bicep), so it must never sign anything.
    EXPORT_LINK_KEY: optionalText
      .transform((value) => (value && unresolvedKeyVaultReference.test(value) ? undefined : value))
      .pipe(z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional()),
    EXPORT_LINK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    SEND_HOURS: z
      .string()
      .trim()
      .regex(/^\d{1,2}-\d{1,2}$/, 'must be two hours like 8-17')
      .default('8-17')
      .transform((value) => value.split('-').map(Number) as [number, number])
      .refine(([from, to]) => from < to && to <= 24, 'must be a start hour before an end hour, at most 24'),
    OUTBOX_TENANT_RPS: z.coerce.number().positive().max(1000).default(50),
    OUTBOX_INSTANCES: z.coerce.number().int().min(1).max(100).default(1),
    OUTBOX_CONVERSATION_LIMITS: z
      .string()
      .trim()
      .default('7/1,8/2,60/30,1800/3600')
      .transform((text, ctx) => {
        const limits = parseWindowLimits(text);
        if (!limits) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be sends/seconds pairs like 7/1,8/2,60/30,1800/3600' });
        return limits ?? [];
      }),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    OUTBOX_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1000),
    OUTBOX_BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(300_000),
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
    OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText.pipe(
      z.string().regex(/(^|;)\s*InstrumentationKey=[0-9a-f-]{36}/i, 'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)').optional(),
    ),
    // Microsoft Graph: the Entra ID sync and proactive installs (README, "Microsoft Graph").
    GRAPH_BASE_URL: z.string().trim().url('must be a URL like https://graph.microsoft.com/v1.0').default('https://graph.microsoft.com/v1.0'),
    GRAPH_TENANT_ID: optionalGuid,
    GRAPH_CLIENT_ID: optionalGuid,
    GRAPH_CLIENT_SECRET: optionalText,
    GRAPH_TOKEN: optionalText,
    GRAPH_REQUESTS_PER_SECOND: z.coerce.number().positive().max(30).default(10),
    ENTRA_SYNC: z.enum(['on', 'off']).default('off'),
    ENTRA_SYNC_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
    ENTRA_MAPPING_FILE: optionalText,
    PROACTIVE_INSTALL: z.enum(['on', 'off']).default('off'),
    TEAMS_APP_CATALOG_ID: optionalText.pipe(z.string().max(100).regex(/^[A-Za-z0-9-]+$/, "must be the app's id in the Teams app catalog").optional()),
    TEAMS_SERVICE_URL: z.string().trim().url('must be a URL like https://smba.trafficmanager.net/teams/').default('https://smba.trafficmanager.net/teams/'),
  })
  .superRefine((env, ctx) => {
    const problem = (pathName: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [pathName], message });
    if (env.APP_ENV === 'production') {
      if (!env.BOT_ID) problem('BOT_ID', 'is required when APP_ENV=production (the bot refuses anonymous traffic there)');
      if (!env.BOT_TENANT_ID) problem('BOT_TENANT_ID', 'is required when APP_ENV=production (single-tenant bot)');
      if (env.BOT_TYPE === 'SingleTenant' && !env.BOT_PASSWORD)
        problem('BOT_PASSWORD', 'is required when APP_ENV=production and BOT_TYPE=SingleTenant');
      if (!env.STORAGE_CONNECTION_STRING && !env.STORAGE_ACCOUNT_URL)
        problem('STORAGE_ACCOUNT_URL', 'or STORAGE_CONNECTION_STRING is required when APP_ENV=production');
    }
    if (env.BOT_ID && !env.BOT_TENANT_ID) problem('BOT_TENANT_ID', 'is required whenever BOT_ID is set');
    if (env.BOT_TYPE === 'UserAssignedMsi' && env.BOT_PASSWORD)
      problem('BOT_PASSWORD', 'must be empty when BOT_TYPE=UserAssignedMsi (the managed identity has no password)');
    if (env.STORAGE_CONNECTION_STRING && env.STORAGE_ACCOUNT_URL)
      problem('STORAGE_CONNECTION_STRING', 'and STORAGE_ACCOUNT_URL are both set: choose one');
    if (env.GRAPH_TOKEN && env.APP_ENV !== 'local') problem('GRAPH_TOKEN', 'is for a stand-in Graph in local mode only: use a client secret or a managed identity');
    const graphUsed = env.ENTRA_SYNC === 'on' || env.PROACTIVE_INSTALL === 'on';
    if (graphUsed && !graphCredentialOf(env)) {
      problem('GRAPH_CLIENT_SECRET', 'or a managed identity (BOT_TYPE=UserAssignedMsi or GRAPH_CLIENT_ID) is required when ENTRA_SYNC or PROACTIVE_INSTALL is on');
    }
    if (env.PROACTIVE_INSTALL === 'on' && !env.TEAMS_APP_CATALOG_ID) problem('TEAMS_APP_CATALOG_ID', "is required when PROACTIVE_INSTALL=on (the app's id in the Teams app catalog)");
    if (graphUsed && env.APP_ENV !== 'local' && !env.GRAPH_BASE_URL.startsWith('https://')) problem('GRAPH_BASE_URL', 'must be https outside local mode');
    if (env.APP_ENV === 'local' && env[localOverrideVariable] !== 'true') {
      const storage = env.STORAGE_ACCOUNT_URL ? { accountUrl: env.STORAGE_ACCOUNT_URL } : env.STORAGE_CONNECTION_STRING ? { connectionString: env.STORAGE_CONNECTION_STRING } : undefined;
      for (const p of localModeProblems({ host: hostOf(env), ...(storage ? { storage } : {}) })) problem(p.variable, p.message);
    }
  });

/** Every environment variable the bot reads (infra/main.bicep may set no other). */
export const environmentVariableNames: readonly string[] = Object.keys(environmentSchema.innerType().shape);
/**
 * How the bot authenticates to Graph: a fixed token (local stand-in only), a client secret
 * (GRAPH_CLIENT_SECRET, or by default the bot's own BOT_PASSWORD), or a managed identity (the
 * bot's user-assigned one, or GRAPH_CLIENT_ID). Proactive installs must use the bot's own app.
 */
function graphCredentialOf(e: {
  GRAPH_TOKEN?: string | undefined; GRAPH_CLIENT_SECRET?: string | undefined; GRAPH_CLIENT_ID?: string | undefined; GRAPH_TENANT_ID?: string | undefined;
  BOT_ID?: string | undefined; BOT_TENANT_ID?: string | undefined; BOT_PASSWORD?: string | undefined; BOT_TYPE: string;
}): GraphCredential | undefined {
  if (e.GRAPH_TOKEN) return { kind: 'token', token: e.GRAPH_TOKEN };
  const tenantId = e.GRAPH_TENANT_ID ?? e.BOT_TENANT_ID;
  const clientId = e.GRAPH_CLIENT_ID ?? e.BOT_ID;
  const secret = e.GRAPH_CLIENT_SECRET ?? (e.BOT_TYPE === 'SingleTenant' && clientId === e.BOT_ID ? e.BOT_PASSWORD : undefined);
  if (secret && tenantId && clientId) return { kind: 'client-secret', tenantId, clientId, clientSecret: secret };
  if (e.GRAPH_CLIENT_ID || (e.BOT_TYPE === 'UserAssignedMsi' && e.BOT_ID)) return { kind: 'managed-identity', ...(clientId ? { clientId } : {}) };
  return undefined;
}

export type GraphCredential =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'managed-identity'; clientId?: string }
  | { kind: 'token'; token: string };

/** Microsoft Graph: where it is, how to authenticate, and how fast the app may call it. */
export interface GraphConfig {
  readonly baseUrl: string;
  readonly credential: GraphCredential;
  /** This instance's share of the app's Graph requests per second (OUTBOX_INSTANCES share GRAPH_REQUESTS_PER_SECOND). */
  readonly requestsPerSecond: number;
}

/** Where the bot listens: HOST, else loopback in local mode and every interface in production. */
function hostOf(env: { APP_ENV: 'local' | 'production'; HOST?: string | undefined }): string {
  return env.HOST ?? (env.APP_ENV === 'local' ? '127.0.0.1' : '0.0.0.0');
}

export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; accountUrl: string; managedIdentityClientId?: string };

export interface BotIdentity {
  appId: string;
  tenantId: string;
  type: 'SingleTenant' | 'UserAssignedMsi';
  password?: string;
  /** Where the Bot Framework's signing keys are published (sovereign clouds; tests). Default: the public cloud's. */
  openIdMetadataUrl?: string;
  /** The issuer of the channel's tokens. Default: https://api.botframework.com. */
  tokenIssuer?: string;
}

export interface AppConfig {
  readonly mode: 'local' | 'production';
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  /**
   * Local mode only, with LOCAL_ALLOW_NETWORK=true: listening beyond loopback, storage elsewhere
   * and activities from any service URL are allowed (src/localGuard.ts); warned at every start.
   */
  readonly localNetworkAllowed: boolean;
  /** Absent only in local mode: then inbound requests are not authenticated. */
  readonly bot?: BotIdentity;
  /**
   * Activities from other tenants are refused before any route runs. Empty: every tenant (local
   * mode only; in production the bot's own tenant unless ALLOWED_TENANT_IDS says more).
   */
  readonly allowedTenantIds: readonly string[];
  /** Absent when nothing is configured: `npm start` then starts Azurite and fills it in. */
  readonly storage?: StorageConfig;
  readonly tablePrefix: string;
  readonly dataDir: string;
  readonly jobs: {
    /** The key of POST /api/jobs/run; the endpoint is off without one. */
    readonly key?: string;
    /** Seconds between the in-process ticks; 0 turns the tick off (an external timer drives the jobs). */
    readonly tickSeconds: number;
  };
  /** No aggregate is shown for fewer respondents than this (default 5, never below 3). */
  readonly anonymityThreshold: number;
  /** Full years a cycle's personal data is kept after the cycle's year ends. */
  readonly retentionYears: number;
  readonly reminders: {
    /** At most this many nudges per employee per MUS cycle. */
    readonly maxNudges: number;
    /** The local hours (Europe/Copenhagen by the årshjul) messages may go out, Monday to Friday. */
    readonly sendFromHour: number;
    readonly sendUntilHour: number;
  };
  readonly outbox: OutboxConfig;
  /**
   * Export download links: where they point and what signs them. Off (undefined) in production
   * without PUBLIC_BASE_URL and EXPORT_LINK_KEY; locally the bot's own address and a key made at
   * start (one process).
   */
  readonly exports?: { readonly baseUrl: string; readonly linkKey: string; readonly linkMinutes: number };
  /** Things the operator should know that do not stop the start (logged at start). */
  readonly warnings: readonly string[];
  /** Application Insights: telemetry is exported only when set (src/telemetry.ts). */
  readonly telemetry?: { readonly connectionString: string };
  /** Microsoft Graph, when credentials are configured (always when a feature below is on). */
  readonly graph?: GraphConfig;
  /** The organisation synced from Entra ID on the schedule (ENTRA_SYNC=on). */
  readonly entraSync?: { readonly everyMinutes: number; readonly mappingFile: string };
  /**
   * Installing the app for someone it has no conversation with, through Graph, before a message
   * (PROACTIVE_INSTALL=on): the app's id in the Teams catalog, and the Bot Connector's address
   * for a tenant the bot has not heard from yet.
   */
  readonly proactiveInstall?: { readonly catalogAppId: string; readonly serviceUrl: string };
}

/** The proactive outbox (src/messaging): Teams' limits and how hard to retry. */
export interface OutboxConfig {
  /** The app's limit per tenant (Teams documents 50 requests/s; older docs 30). */
  readonly tenantRequestsPerSecond: number;
  /** How many bot instances send at once: each keeps to its share of the tenant limit. */
  readonly instances: number;
  /** Per bot per conversation: 7/1 s, 8/2 s, 60/30 s, 1,800/hour by default. */
  readonly conversationLimits: readonly WindowLimit[];
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly leaseMs: number;
  /** Sends in flight at once per instance. */
  readonly concurrency: number;
  /** How long an idle sender waits before looking for due messages again. */
  readonly pollMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee the README, section "Configuration".`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once into a typed, frozen config; lists every problem at once. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const storage: StorageConfig | undefined = e.STORAGE_CONNECTION_STRING
    ? { kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING }
    : e.STORAGE_ACCOUNT_URL
      ? { kind: 'accountUrl', accountUrl: e.STORAGE_ACCOUNT_URL, ...(e.AZURE_CLIENT_ID ? { managedIdentityClientId: e.AZURE_CLIENT_ID } : {}) }
      : undefined;
  const bot: BotIdentity | undefined =
    e.BOT_ID && e.BOT_TENANT_ID
      ? {
        appId: e.BOT_ID, tenantId: e.BOT_TENANT_ID, type: e.BOT_TYPE, ...(e.BOT_PASSWORD ? { password: e.BOT_PASSWORD } : {}),
        ...(e.BOT_OPENID_METADATA_URL ? { openIdMetadataUrl: e.BOT_OPENID_METADATA_URL } : {}), ...(e.BOT_TOKEN_ISSUER ? { tokenIssuer: e.BOT_TOKEN_ISSUER } : {}),
      }
      : undefined;
  return Object.freeze({
    mode: e.APP_ENV,
    port: e.PORT,
    host: hostOf(e),
    logLevel: e.LOG_LEVEL,
    localNetworkAllowed: e.APP_ENV === 'local' && e[localOverrideVariable] === 'true',
    ...(bot ? { bot: Object.freeze(bot) } : {}),
    ...(storage ? { storage: Object.freeze(storage) } : {}),
    allowedTenantIds: Object.freeze(e.ALLOWED_TENANT_IDS.length ? e.ALLOWED_TENANT_IDS : e.APP_ENV === 'production' && e.BOT_TENANT_ID ? [e.BOT_TENANT_ID.toLowerCase()] : []),
    tablePrefix: e.TABLE_PREFIX,
    dataDir: e.DATA_DIR ? path.resolve(projectRoot, e.DATA_DIR) : defaultDataDir,
    jobs: Object.freeze({ ...(e.JOBS_KEY ? { key: e.JOBS_KEY } : {}), tickSeconds: e.JOBS_TICK_SECONDS }),
    anonymityThreshold: e.ANONYMITY_THRESHOLD,
    ...exportsOf(e),
    warnings: Object.freeze(unresolvedKeyVaultReference.test(env.EXPORT_LINK_KEY?.trim() ?? '')
      ? ['EXPORT_LINK_KEY is a Key Vault reference App Service could not resolve (is the secret in the vault, and may the identity read it?): exports are off']
      : []),
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { telemetry: Object.freeze({ connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING }) } : {}),
    ...graphOf(e),
    retentionYears: e.RETENTION_YEARS,
    reminders: Object.freeze({ maxNudges: e.NUDGE_MAX, sendFromHour: e.SEND_HOURS[0], sendUntilHour: e.SEND_HOURS[1] }),
    outbox: Object.freeze({
      tenantRequestsPerSecond: e.OUTBOX_TENANT_RPS,
      instances: e.OUTBOX_INSTANCES,
      conversationLimits: Object.freeze(e.OUTBOX_CONVERSATION_LIMITS),
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      backoffBaseMs: e.OUTBOX_BACKOFF_BASE_MS,
      backoffMaxMs: e.OUTBOX_BACKOFF_MAX_MS,
      leaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
      concurrency: e.OUTBOX_CONCURRENCY,
      pollMs: e.OUTBOX_POLL_MS,
    }),
  });
}

function exportsOf(e: z.infer<typeof environmentSchema>): { exports?: AppConfig['exports'] } {
  const local = e.APP_ENV === 'local';
  const baseUrl = e.PUBLIC_BASE_URL ?? (local ? `http://127.0.0.1:${e.PORT}` : undefined);
  const linkKey = e.EXPORT_LINK_KEY ?? (local ? randomBytes(32).toString('hex') : undefined);
  if (!baseUrl || !linkKey) return {};
  return { exports: Object.freeze({ baseUrl: baseUrl.replace(/\/+$/, ''), linkKey, linkMinutes: e.EXPORT_LINK_MINUTES }) };
}

function graphOf(e: z.infer<typeof environmentSchema>): Pick<AppConfig, 'graph' | 'entraSync' | 'proactiveInstall'> {
  const credential = graphCredentialOf(e);
  if (!credential) return {};
  const dataDir = e.DATA_DIR ? path.resolve(projectRoot, e.DATA_DIR) : defaultDataDir;
  return {
    graph: Object.freeze({ baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''), credential: Object.freeze(credential), requestsPerSecond: e.GRAPH_REQUESTS_PER_SECOND / e.OUTBOX_INSTANCES }),
    ...(e.ENTRA_SYNC === 'on'
      ? { entraSync: Object.freeze({ everyMinutes: e.ENTRA_SYNC_MINUTES, mappingFile: e.ENTRA_MAPPING_FILE ? path.resolve(projectRoot, e.ENTRA_MAPPING_FILE) : path.join(dataDir, 'entra-mapping.json') }) }
      : {}),
    ...(e.PROACTIVE_INSTALL === 'on' && e.TEAMS_APP_CATALOG_ID ? { proactiveInstall: Object.freeze({ catalogAppId: e.TEAMS_APP_CATALOG_ID, serviceUrl: e.TEAMS_SERVICE_URL }) } : {}),
  };
}

/** Loads `.env` (if present, without overriding the real environment) and parses it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dotenvPath = path.join(projectRoot, '.env');
  if (existsSync(dotenvPath)) loadDotenv({ path: dotenvPath, quiet: true, processEnv: env as Record<string, string> });
  return parseConfig(env);
}
