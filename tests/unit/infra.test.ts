import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { publisherVariables, versionVariable } from '../../scripts/package-app';
import { environmentVariableNames, parseConfig } from '../../src/config';
import { projectRoot } from '../../src/paths';
import { allTableNames, defaultTablePrefix } from '../../src/storage/tables';
import { metricNames } from '../../src/telemetry';

// There is no Bicep compiler on the build machine: these tests keep infra/main.bicep, its
// parameters files, bicepconfig.json, m365agents.yml and the deploy guide consistent with the
// code and with each other, and hold the properties the infrastructure promises.

const read = (relativePath: string) => readFileSync(path.join(projectRoot, relativePath), 'utf8');
const bicep = read('infra/main.bicep');

/** The text between the bracket that starts at `open` and its matching closing bracket. */
function bracketed(text: string, open: number): string {
  const closer = text[open] === '{' ? '}' : ']';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === text[open]) depth++;
    if (text[i] === closer && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

function bracketedAfter(text: string, marker: RegExp): string {
  const match = marker.exec(text);
  if (!match) throw new Error(`${marker} not found in main.bicep`);
  return bracketed(text, match.index + match[0].length - 1);
}

const quotedStrings = (text: string) => [...text.matchAll(/'([^']*)'/g)].map((match) => match[1]!);

/** Every `resource <symbol> '<type>@<version>' = ... {` with its body. */
const resources = [...bicep.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*=\s*(\[for [^\n]*?)?(?:if \([^\n]*\) )?\{/gm)].map((match) => ({
  symbol: match[1]!,
  type: match[2]!,
  apiVersion: match[3]!,
  body: bracketed(bicep, match.index + match[0].length - 1),
}));
const resource = (symbol: string) => {
  const found = resources.find((r) => r.symbol === symbol);
  if (!found) throw new Error(`no resource ${symbol} in main.bicep`);
  return found;
};
const ofType = (type: string) => resources.filter((r) => r.type === type);

/** App settings as name → raw Bicep value expression (the site's appsettings config resource). */
function appSettings(): Map<string, string> {
  const body = bracketedAfter(resource('appSettings').body, /properties:\s*\{/);
  return new Map([...body.matchAll(/^\s*([A-Z0-9_]+):\s*([^\n]+)/gm)].map((match) => [match[1]!, match[2]!.trim()]));
}

function literal(expression: string | undefined): string | undefined {
  return expression === undefined ? undefined : /^'([^'$]*)'$/.exec(expression)?.[1];
}

const bicepParams = new Set([...bicep.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((match) => match[1]!));
const bicepOutputs = new Set([...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((match) => match[1]!));

/** The values Azure computes at deployment time, replaced by samples of the same form. */
const deployed: Record<string, string> = {
  BOT_ID: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
  AZURE_CLIENT_ID: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
  BOT_TENANT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  STORAGE_ACCOUNT_URL: 'https://kompetencebotabc.table.core.windows.net',
  PUBLIC_BASE_URL: 'https://kompetencebot-abc.azurewebsites.net',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/',
  OUTBOX_INSTANCES: '1',
  // A Key Vault reference App Service could not resolve stays as its text.
  EXPORT_LINK_KEY: '@Microsoft.KeyVault(VaultName=kvq2w3e4r5t6y7u;SecretName=export-link-key)',
};
/** What App Service hands the app for the Key Vault reference once it has read the secret. */
const resolvedExportLinkKey = '5d0c9a8e3f1b4c2d9e7a6b5c4d3e2f1a5d0c9a8e3f1b4c2d9e7a6b5c4d3e2f1a';

function environmentAsDeployed(overrides: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    [...appSettings()].map(([name, expression]) => [name, overrides[name] ?? literal(expression) ?? deployed[name] ?? expression]),
  );
}

describe('infra/main.bicep: the app settings', () => {
  it("when no tableNames are given, then it creates exactly allTableNames('kb')", () => {
    const defaults = quotedStrings(bracketedAfter(bicep, /param\s+tableNames\s+array\s*=\s*\[/));
    expect(defaults).toEqual(allTableNames('kb'));
    expect(bicep).toMatch(/for\s+tableName\s+in\s+tableNames\s*:/);
  });

  it('sets TABLE_PREFIX to the prefix of its table names', () => {
    expect(/^var\s+tablePrefix\s*=\s*'([^']*)'/m.exec(bicep)?.[1]).toBe(defaultTablePrefix);
    expect(appSettings().get('TABLE_PREFIX')).toBe('tablePrefix');
  });

  it('sets every setting production needs, and none the code does not read (but App Service\'s own)', () => {
    const settings = appSettings();
    for (const name of ['APP_ENV', 'BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'STORAGE_ACCOUNT_URL', 'AZURE_CLIENT_ID', 'TABLE_PREFIX',
      'PUBLIC_BASE_URL', 'EXPORT_LINK_KEY', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'OUTBOX_INSTANCES']) {
      expect(settings.has(name), name).toBe(true);
    }
    for (const name of settings.keys()) {
      expect(environmentVariableNames.includes(name) || /^(WEBSITE|SCM)_/.test(name), `${name} is read by src/config.ts`).toBe(true);
    }
    expect(literal(settings.get('APP_ENV'))).toBe('production');
    expect(literal(settings.get('BOT_TYPE'))).toBe('UserAssignedMsi');
    expect(settings.get('BOT_ID')).toBe('identity.properties.clientId');
    expect(settings.get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe('insights.properties.ConnectionString');
    expect(settings.get('OUTBOX_INSTANCES')).toBe('string(instanceCount)');
    expect(settings.has('BOT_PASSWORD')).toBe(false);
  });

  it('when its app settings reach the config parser with the Key Vault secret resolved, then they make a valid production configuration with exports and telemetry', () => {
    const config = parseConfig(environmentAsDeployed({ EXPORT_LINK_KEY: resolvedExportLinkKey }));
    expect(config.mode).toBe('production');
    expect(config.bot).toMatchObject({ appId: deployed.BOT_ID, tenantId: deployed.BOT_TENANT_ID, type: 'UserAssignedMsi' });
    expect(config.storage).toEqual({ kind: 'accountUrl', accountUrl: deployed.STORAGE_ACCOUNT_URL, managedIdentityClientId: deployed.AZURE_CLIENT_ID });
    expect(config.exports).toMatchObject({ baseUrl: deployed.PUBLIC_BASE_URL, linkKey: resolvedExportLinkKey, linkMinutes: 15 });
    expect(config.telemetry).toEqual({ connectionString: deployed.APPLICATIONINSIGHTS_CONNECTION_STRING });
    expect(config.warnings).toEqual([]);
  });

  it('when App Service could not resolve the Key Vault reference, then the app still starts, exports are off and it says why — the reference text never signs a link', () => {
    const env = environmentAsDeployed();
    expect(env.EXPORT_LINK_KEY).toMatch(/^@Microsoft\.KeyVault\(/);
    expect(env.EXPORT_LINK_KEY!.length).toBeGreaterThanOrEqual(32);
    const config = parseConfig(env);
    expect(config.exports).toBeUndefined();
    expect(config.warnings.join('\n')).toMatch(/EXPORT_LINK_KEY is a Key Vault reference App Service could not resolve/);
  });

  it('builds PUBLIC_BASE_URL from the site\'s host name (or a custom one), never a hard-coded address', () => {
    expect(appSettings().get('PUBLIC_BASE_URL')).toBe("'https://${publicHost}'");
    expect(bicep).toMatch(/^var publicHost = empty\(publicHostName\) \? webApp\.properties\.defaultHostName : publicHostName$/m);
    expect(bicep).not.toMatch(/azurewebsites\.net/);
  });

  it('runs the package it is given (run from package, no build on the server), the entry point npm run build produces', () => {
    const settings = appSettings();
    expect(literal(settings.get('WEBSITE_RUN_FROM_PACKAGE'))).toBe('1');
    expect(literal(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT'))).toBe('false');
    const packageJson = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(read('package.json')));
    expect(/appCommandLine:\s*'([^']+)'/.exec(bicep)?.[1]).toBe(packageJson.scripts['start:bot']);
    expect(resource('webApp').body).toMatch(/linuxFxVersion: 'NODE\|\$\{nodeVersion\}'/);
    expect(quotedStrings(bracketedAfter(bicep, /@allowed\(\[(?=[^\]]*\]\)\nparam nodeVersion string = '24-lts')/))).toEqual(['24-lts', '22-lts']);
  });
});

describe('infra/main.bicep: EXPORT_LINK_KEY in Key Vault', () => {
  it('is a Key Vault reference to the secret, read with the bot\'s identity, which holds Key Vault Secrets User on the vault', () => {
    expect(appSettings().get('EXPORT_LINK_KEY')).toBe("'@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${exportLinkKeySecretName})'");
    expect(resource('webApp').body).toMatch(/keyVaultReferenceIdentity: identity\.id/);
    const role = resource('keyVaultSecretsUser').body;
    expect(role).toMatch(/scope: keyVault/);
    expect(role).toMatch(/principalId: identity\.properties\.principalId/);
    expect(bicep).toMatch(/var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'/);
    expect(resource('keyVault').body).toMatch(/enableRbacAuthorization: true/);
    expect(resource('keyVault').body).toMatch(/enablePurgeProtection: true/);
  });

  it('is kept across deployments: the secret is written only when a key is given, the parameter has no generated default', () => {
    expect(bicep).toMatch(/resource exportLinkKeySecret 'Microsoft\.KeyVault\/vaults\/secrets@[^']+' = if \(!empty\(exportLinkKey\)\) \{/);
    expect(bicep).toMatch(/@secure\(\)\n@description\([^\n]*\)\nparam exportLinkKey string = ''\n/);
    expect(bicep).not.toMatch(/newGuid\(\)/);
    expect(resource('exportLinkKeySecret').body).toMatch(/name: exportLinkKeySecretName/);
  });

  it('audits reads of the vault into Log Analytics', () => {
    const audit = resource('keyVaultAudit');
    expect(audit.type).toBe('Microsoft.Insights/diagnosticSettings');
    expect(audit.body).toMatch(/scope: keyVault/);
    expect(audit.body).toMatch(/workspaceId: workspace\.id/);
  });
});

describe('infra/main.bicep: the resources the issue asks for', () => {
  it('has Log Analytics and a workspace-based Application Insights', () => {
    expect(ofType('Microsoft.OperationalInsights/workspaces')).toHaveLength(1);
    const insights = resource('insights');
    expect(insights.type).toBe('Microsoft.Insights/components');
    expect(insights.body).toMatch(/WorkspaceResourceId: workspace\.id/);
    expect(insights.body).toMatch(/DisableIpMasking: false/);
  });

  it('stores the tables with public blob access off, TLS 1.2 at least, https only and Entra ID only', () => {
    const storage = resource('storageAccount').body;
    expect(storage).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(storage).toMatch(/allowBlobPublicAccess: false/);
    expect(storage).toMatch(/supportsHttpsTrafficOnly: true/);
    expect(storage).toMatch(/allowSharedKeyAccess: false/);
    expect(storage).toMatch(/allowCrossTenantReplication: false/);
    expect(bicep).toContain("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'"); // Storage Table Data Contributor
  });

  it('locks the storage account against deletion (tables have no soft delete)', () => {
    const lock = resource('storageLock');
    expect(lock.type).toBe('Microsoft.Authorization/locks');
    expect(lock.body).toMatch(/scope: storageAccount/);
    expect(lock.body).toMatch(/level: 'CanNotDelete'/);
  });

  it('registers the identity as the bot, with the Teams channel in the bot\'s own location', () => {
    const bot = resource('bot').body;
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bot).toMatch(/msaAppId: identity\.properties\.clientId/);
    expect(bot).toMatch(/msaAppMSIResourceId: identity\.id/);
    expect(bot).toMatch(/location: botLocation/);
    const channel = resource('teamsChannel').body;
    expect(channel).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(channel).toMatch(/location: botLocation/);
  });

  it('offers EU data residency for the bot: a regional bot in westeurope, global otherwise', () => {
    expect(quotedStrings(bracketedAfter(bicep, /@allowed\(\[(?=\s*'global'\s*'europe'\s*\]\)\nparam botDataResidency)/))).toEqual(['global', 'europe']);
    expect(bicep).toMatch(/^var botLocation = botDataResidency == 'europe' \? 'westeurope' : 'global'$/m);
  });

  it('alerts on 5xx answers, dead-lettered messages and late jobs, on the metric names the telemetry records', () => {
    const serverErrors = resource('serverErrorsAlert');
    expect(serverErrors.type).toBe('Microsoft.Insights/metricAlerts');
    expect(serverErrors.body).toMatch(/metricName: 'Http5xx'/);
    expect(serverErrors.body).toMatch(/webApp\.id/);
    const telemetryAlerts = resource('telemetryAlerts');
    expect(telemetryAlerts.type).toBe('Microsoft.Insights/scheduledQueryRules');
    expect(telemetryAlerts.body).toMatch(/insights\.id/);
    const alerted = quotedStrings(bracketedAfter(bicep, /var metricAlerts = \[/)).filter((value) => value.startsWith('kb.'));
    expect(alerted.sort()).toEqual([metricNames.jobsLate, metricNames.outboxDeadLettered].sort());
  });

  it('tags every top-level resource', () => {
    const taggable = resources.filter((r) => !['Microsoft.Authorization/roleAssignments', 'Microsoft.Authorization/locks', 'Microsoft.Insights/diagnosticSettings'].includes(r.type) && !/^\s*parent:/m.test(r.body));
    expect(taggable.length).toBeGreaterThan(10);
    for (const r of taggable) expect(r.body, r.symbol).toMatch(/^\s*tags: allTags$/m);
    expect(bicep).toMatch(/var allTags = union\(\{/);
  });

  it('outputs every value the app package, the Toolkit and the deploy guide read', () => {
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'WEB_APP_NAME', 'AZURE_APP_SERVICE_RESOURCE_ID', 'KEY_VAULT_NAME']) {
      expect(bicepOutputs.has(name), name).toBe(true);
    }
  });
});

describe('infra/bicepconfig.json', () => {
  const config = z
    .object({ analyzers: z.object({ core: z.object({ enabled: z.literal(true), rules: z.record(z.string(), z.object({ level: z.enum(['off', 'info', 'warning', 'error']) }).passthrough()) }) }) })
    .parse(JSON.parse(read('infra/bicepconfig.json')));
  const rules = config.analyzers.core.rules;

  it('sits beside main.bicep (the Bicep CLI looks there) with the linter on', () => {
    expect(existsSync(path.join(projectRoot, 'infra/main.bicep'))).toBe(true);
    expect(Object.keys(rules).length).toBeGreaterThan(25);
  });

  it('makes the rules about secrets and hard-coded environments errors', () => {
    for (const rule of ['secure-parameter-default', 'outputs-should-not-contain-secrets', 'secure-secrets-in-params', 'use-secure-value-for-secure-inputs', 'no-hardcoded-env-urls', 'no-unused-params']) {
      expect(rules[rule]?.level, rule).toBe('error');
    }
    expect(rules['use-recent-api-versions']).toMatchObject({ level: 'warning', maxAllowedAgeInDays: 730 });
  });
});

describe('infra parameter files', () => {
  const parametersFile = z.object({
    $schema: z.string().url(),
    contentVersion: z.string(),
    parameters: z.record(z.string(), z.object({ value: z.unknown() }).strict()),
  });

  it.each(['infra/main.parameters.json', 'infra/main.parameters.toolkit.json'])('%s names only parameters main.bicep declares', (file) => {
    const names = Object.keys(parametersFile.parse(JSON.parse(read(file))).parameters);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(bicepParams.has(name), `param ${name}`).toBe(true);
  });

  it('the az CLI one holds no Toolkit placeholder (it would be deployed as the literal text) and no secret', () => {
    const text = read('infra/main.parameters.json');
    expect(text).not.toContain('${{');
    expect(Object.keys(parametersFile.parse(JSON.parse(text)).parameters)).not.toContain('exportLinkKey');
  });

  it('declares the parameters the deployment guide names', () => {
    for (const name of ['resourceBaseName', 'location', 'botDataResidency', 'botDisplayName', 'appServiceSku', 'instanceCount', 'exportLinkKey', 'alertEmail', 'tags', 'tableNames']) {
      expect(bicepParams.has(name), name).toBe(true);
      expect(read('infra/README.md'), `infra/README.md names ${name}`).toContain(`\`${name}\``);
    }
  });
});

describe('infra/README.md', () => {
  const guide = read('infra/README.md');

  it('has the admin run what-if before the deployment', () => {
    const whatIf = guide.indexOf('az deployment group what-if');
    const create = guide.indexOf('az deployment group create');
    expect(whatIf).toBeGreaterThan(0);
    expect(create).toBeGreaterThan(whatIf);
  });

  it('walks from an empty subscription to the app installed for everyone', () => {
    for (const step of ['az login', 'az group create', 'npm run deploy:stage', 'az webapp deploy', 'npm run package', 'Manage apps', 'Global (Org-wide default)']) {
      expect(guide, step).toContain(step);
    }
  });
});

/** The actions (`- uses: x`) of each stage of an Agents Toolkit file. */
function stages(yml: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let stage = '';
  for (const line of yml.split('\n')) {
    const top = /^([a-z]+):\s*$/.exec(line);
    if (top) stage = top[1]!;
    const uses = /^\s*-\s*uses:\s*(\S+)/.exec(line);
    if (uses && stage) (out[stage] ??= []).push(uses[1]!);
  }
  return out;
}

describe('m365agents.yml', () => {
  const yml = read('m365agents.yml');
  const envDev = read('env/.env.dev');
  const envKeys = new Set([...envDev.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]!));

  it('points at files that exist', () => {
    const paths = [...yml.matchAll(/^\s*-?\s*(?:path|parameters|manifestPath|appPackagePath|artifactFolder|ignoreFile):\s*(\S+)/gm)].map((match) => match[1]!)
      .filter((file) => !file.includes('${{') && !file.startsWith('./appPackage/build') && !file.startsWith('./.deploy'));
    expect(paths).toEqual(expect.arrayContaining(['./infra/main.bicep', './infra/main.parameters.toolkit.json']));
    for (const file of paths) expect(existsSync(path.join(projectRoot, file)), file).toBe(true);
  });

  it('uses only variables that env/.env.dev declares (secrets go in env/.env.dev.user)', () => {
    const used = new Set([...yml.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g), ...read('infra/main.parameters.toolkit.json').matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((match) => match[1]!));
    for (const name of used) expect(envKeys.has(name) || name.startsWith('SECRET_'), name).toBe(true);
  });

  it('gets every placeholder of the manifest from provision, or from the admin (the publisher) in env/.env.dev', () => {
    const manifest = read('appPackage/manifest.json');
    const placeholders = new Set([...manifest.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((match) => match[1]!));
    // APP_VERSION is package.json's version, filled by npm run package itself.
    placeholders.delete(versionVariable);
    for (const name of placeholders) {
      const fromAdmin = (publisherVariables as readonly string[]).includes(name);
      const provided = fromAdmin || bicepOutputs.has(name) || new RegExp(`:\\s*${name}\\s*$`, 'm').test(yml);
      expect(provided, name).toBe(true);
      expect(envKeys.has(name), `${name} in env/.env.dev`).toBe(true);
    }
  });
});

describe('the Agents Toolkit stages', () => {
  const yml = read('m365agents.yml');

  it('provision, deploy and publish like the Toolkit\'s bot template, with no 2022 Bicep pin', () => {
    const { provision, deploy, publish } = stages(yml);
    expect(provision).toEqual(['teamsApp/create', 'arm/deploy', 'cli/runNpmCommand', 'teamsApp/validateAppPackage', 'teamsApp/update']);
    expect(deploy).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(publish).toEqual(['cli/runNpmCommand', 'teamsApp/validateAppPackage', 'teamsApp/update', 'teamsApp/publishAppPackage']);
    expect(yml).not.toMatch(/bicepCliVersion:\s*v0\.9/);
  });

  it('deploys the folder npm run deploy:stage fills, nothing from the project root', () => {
    const packageJson = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(read('package.json')));
    expect(packageJson.scripts['deploy:stage']).toBe('tsx scripts/stage-deploy.ts');
    expect(read('scripts/stage-deploy.ts')).toContain("options.outDir ?? '.deploy/app'");
    expect(yml).toMatch(/args: run deploy:stage/);
    expect(yml).toMatch(/artifactFolder: \.\/\.deploy\/app\n/);
    expect(yml).not.toMatch(/artifactFolder: \.\s*$/m);
  });

  it('packages with npm run package (offline validation, publisher, one version) and applies that zip', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const text = read(file);
      expect(text, file).toMatch(/args: run package/);
      expect(text, file).not.toMatch(/teamsApp\/zipAppPackage|teamsApp\/validateManifest/);
      for (const zipPath of text.matchAll(/appPackagePath: (\S+)/g)) expect(zipPath[1]).toBe('./appPackage/build/appPackage.zip');
    }
  });

  it('has a local variant: a single-tenant Entra app and Bot Framework registration, and the bot\'s .env', () => {
    const local = read('m365agents.local.yml');
    expect(stages(local).provision).toEqual(['teamsApp/create', 'aadApp/create', 'botFramework/create', 'cli/runNpmCommand', 'teamsApp/validateAppPackage', 'teamsApp/update']);
    expect(local).toMatch(/signInAudience: AzureADMyOrg/);
    expect(local).toMatch(/target: \.\/\.env\n/);
    const envLocal = new Set([...read('env/.env.local').matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]!));
    const written = new Set([...local.matchAll(/^\s+\w+: ([A-Z0-9_]+)\s*$/gm)].map((match) => match[1]!));
    for (const name of new Set([...local.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((match) => match[1]!))) {
      expect(envLocal.has(name) || written.has(name) || name.startsWith('SECRET_'), name).toBe(true);
    }
    // Every setting the local .env gets is one the bot reads.
    const envs = bracketedAfter(local.replace(/\n {6}envs:\n/, '\n      envs: {\n') + '}', /envs: \{/);
    for (const name of [...envs.matchAll(/^\s+([A-Z0-9_]+):/gm)].map((match) => match[1]!)) expect(environmentVariableNames, name).toContain(name);
  });
});
