import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { publisherVariables, versionVariable } from '../../scripts/package-app';
import { parseConfig } from '../../src/config';
import { projectRoot } from '../../src/paths';
import { allTableNames, defaultTablePrefix } from '../../src/storage/tables';

// There is no Bicep compiler on the build machine: these tests only keep infra/main.bicep,
// its parameters file and m365agents.yml consistent with the code and with each other.

const read = (relativePath: string) => readFileSync(path.join(projectRoot, relativePath), 'utf8');
const bicep = read('infra/main.bicep');

/** The text between the bracket that starts at `open` and its matching closing bracket. */
function bracketed(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++;
    if (text[i] === ']' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

function bracketedAfter(text: string, marker: RegExp): string {
  const match = marker.exec(text);
  if (!match) throw new Error(`${marker} not found in main.bicep`);
  return bracketed(text, match.index + match[0].length - 1);
}

const quotedStrings = (text: string) => [...text.matchAll(/'([^']*)'/g)].map((match) => match[1]!);

/** App settings as name → raw Bicep value expression. */
function appSettings(): Map<string, string> {
  const block = bracketedAfter(bicep, /appSettings:\s*\[/);
  const pairs = [...block.matchAll(/name:\s*'([A-Z0-9_]+)'\s*\n\s*value:\s*([^\n]+)/g)];
  return new Map(pairs.map((match) => [match[1]!, match[2]!.trim()]));
}

function literal(expression: string | undefined): string | undefined {
  return expression === undefined ? undefined : /^'([^'$]*)'$/.exec(expression)?.[1];
}

const bicepParams = new Set([...bicep.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((match) => match[1]!));
const bicepOutputs = new Set([...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((match) => match[1]!));

describe('infra/main.bicep', () => {
  it("when no tableNames are given, then it creates exactly allTableNames('kb')", () => {
    const defaults = quotedStrings(bracketedAfter(bicep, /param\s+tableNames\s+array\s*=\s*\[/));
    expect(defaults).toEqual(allTableNames('kb'));
    expect(bicep).toMatch(/for\s+tableName\s+in\s+tableNames\s*:/);
  });

  it('sets TABLE_PREFIX to the prefix of its table names', () => {
    expect(/^var\s+tablePrefix\s*=\s*'([^']*)'/m.exec(bicep)?.[1]).toBe(defaultTablePrefix);
    expect(appSettings().get('TABLE_PREFIX')).toBe('tablePrefix');
  });

  it('sets every app setting the production configuration needs', () => {
    const settings = appSettings();
    for (const name of ['APP_ENV', 'BOT_ID', 'BOT_TYPE', 'BOT_TENANT_ID', 'STORAGE_ACCOUNT_URL', 'AZURE_CLIENT_ID', 'TABLE_PREFIX']) {
      expect(settings.has(name), name).toBe(true);
    }
    expect(literal(settings.get('APP_ENV'))).toBe('production');
    expect(literal(settings.get('BOT_TYPE'))).toBe('UserAssignedMsi');
    expect(settings.get('BOT_ID')).toBe('identity.properties.clientId');
    expect(settings.get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(settings.has('BOT_PASSWORD')).toBe(false);
  });

  it('when its app settings reach the config parser, then they make a valid production configuration', () => {
    // Values Azure computes at deployment time, replaced by samples of the same form.
    const samples: Record<string, string> = {
      BOT_ID: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
      AZURE_CLIENT_ID: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
      BOT_TENANT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      STORAGE_ACCOUNT_URL: 'https://kompetencebotabc.table.core.windows.net',
      TABLE_PREFIX: defaultTablePrefix,
      PUBLIC_BASE_URL: 'https://kompetencebot-abc.azurewebsites.net',
      // A GUID from newGuid() at deployment.
      EXPORT_LINK_KEY: '5d0c9a8e-3f1b-4c2d-9e7a-6b5c4d3e2f1a',
    };
    const env = Object.fromEntries(
      [...appSettings()].map(([name, expression]) => [name, literal(expression) ?? samples[name] ?? expression]),
    );
    const config = parseConfig(env);
    expect(config.mode).toBe('production');
    expect(config.bot).toMatchObject({ appId: samples.BOT_ID, tenantId: samples.BOT_TENANT_ID, type: 'UserAssignedMsi' });
    expect(config.storage).toEqual({
      kind: 'accountUrl',
      accountUrl: samples.STORAGE_ACCOUNT_URL,
      managedIdentityClientId: samples.AZURE_CLIENT_ID,
    });
    // Export links point at the app's own address.
    expect(config.exports).toMatchObject({ baseUrl: samples.PUBLIC_BASE_URL, linkKey: samples.EXPORT_LINK_KEY, linkMinutes: 15 });
  });

  it('gives the managed identity the Storage Table Data Contributor role and registers it as the bot', () => {
    expect(bicep).toContain("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'");
    expect(bicep).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(bicep).toMatch(/msaAppId:\s*identity\.properties\.clientId/);
    expect(bicep).toMatch(/msaAppMSIResourceId:\s*identity\.id/);
    expect(bicep).toMatch(/channelName:\s*'MsTeamsChannel'/);
    expect(bicep).toMatch(/allowSharedKeyAccess:\s*false/);
  });

  it('starts the compiled entry point that npm run build produces', () => {
    const packageJson = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(read('package.json')));
    const startCommand = /appCommandLine:\s*'([^']+)'/.exec(bicep)?.[1];
    expect(startCommand).toBe(packageJson.scripts['start:bot']);
  });

  it('outputs every value the app package and the Toolkit read', () => {
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'WEB_APP_NAME', 'AZURE_APP_SERVICE_RESOURCE_ID']) {
      expect(bicepOutputs.has(name), name).toBe(true);
    }
  });
});

describe('infra/main.parameters.json', () => {
  const parametersFile = z.object({
    $schema: z.string().url(),
    contentVersion: z.string(),
    parameters: z.record(z.string(), z.object({ value: z.unknown() }).strict()),
  });

  it('is valid JSON whose parameters all exist as param in main.bicep', () => {
    const parsed = parametersFile.parse(JSON.parse(read('infra/main.parameters.json')));
    const names = Object.keys(parsed.parameters);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(bicepParams.has(name), `param ${name}`).toBe(true);
  });

  it('declares the parameters the deployment guide names', () => {
    for (const name of ['resourceBaseName', 'location', 'botDisplayName', 'appServiceSku', 'tableNames']) {
      expect(bicepParams.has(name), name).toBe(true);
    }
  });
});

describe('m365agents.yml', () => {
  const yml = read('m365agents.yml');
  const envDev = read('env/.env.dev');
  const envKeys = new Set([...envDev.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]!));

  it('points at files that exist', () => {
    const paths = [...yml.matchAll(/^\s*-?\s*(?:path|parameters|manifestPath):\s*(\S+)/gm)].map((match) => match[1]!);
    expect(paths).toEqual(expect.arrayContaining(['./infra/main.bicep', './infra/main.parameters.json', './appPackage/manifest.json']));
    for (const file of paths) expect(existsSync(path.join(projectRoot, file)), file).toBe(true);
  });

  it('uses only variables that env/.env.dev declares', () => {
    const used = new Set([...yml.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((match) => match[1]!));
    for (const name of used) expect(envKeys.has(name), name).toBe(true);
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
