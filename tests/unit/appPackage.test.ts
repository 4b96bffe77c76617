import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AppPackageError,
  buildAppPackage,
  commandLocalizationKeys,
  escapeLoneClosingBrackets,
  type LocalizationShape,
  type ManifestShape,
  validateAgainstBundledSchema,
  zipFileName,
} from '../../scripts/package-app';
import { appPackageDir, projectRoot } from '../../src/paths';

const botId = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';
const teamsAppId = '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4';
const botDomain = 'kompetencebot-test.azurewebsites.net';
const publisher = {
  PUBLISHER_NAME: 'Herlev Kommune',
  PUBLISHER_WEBSITE_URL: 'https://www.herlev.dk',
  PUBLISHER_PRIVACY_URL: 'https://www.herlev.dk/privatlivspolitik',
  PUBLISHER_TERMS_URL: 'https://www.herlev.dk/vilkaar',
};
const packageVersion = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

function readJson<T>(fileName: string): T {
  return JSON.parse(readFileSync(path.join(appPackageDir, fileName), 'utf8')) as T;
}

function readPng(fileName: string): PNG {
  return PNG.sync.read(readFileSync(path.join(appPackageDir, fileName)));
}

type Template = {
  $schema: string;
  manifestVersion: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  id: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
  bots: Array<{
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description?: string }> }>;
  }>;
  validDomains?: string[];
};

const template = readJson<Template>('manifest.json');
const english = readJson<LocalizationShape>('en.json');
const schemaVersion = `v${template.manifestVersion}`;

/** The template with its placeholders filled by hand, independently of the build script. */
function filledTemplate(): Template {
  const text = readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8')
    .replaceAll('${{TEAMS_APP_ID}}', teamsAppId)
    .replaceAll('${{BOT_ID}}', botId)
    .replaceAll('${{BOT_DOMAIN}}', botDomain)
    .replaceAll('${{APP_VERSION}}', packageVersion)
    .replace(/\$\{\{(PUBLISHER_[A-Z_]+)\}\}/g, (_placeholder, name: keyof typeof publisher) => publisher[name]);
  return JSON.parse(text) as Template;
}

const tempDirs: string[] = [];
function tempOutDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kompetencebot-package-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the Teams app manifest', () => {
  it(`when its placeholders are filled with fixed GUIDs, then it is valid against the bundled schema ${schemaVersion}`, async () => {
    expect(template.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/${schemaVersion}/MicrosoftTeams.schema.json`,
    );
    expect(await validateAgainstBundledSchema(filledTemplate())).toEqual([]);
  });

  it('uses the schema version of the Agents Toolkit\'s bot template (1.29), not a newer one Teams may refuse at first', () => {
    // v1.29 (June 2026) is the newest version both the Microsoft 365 app manifest schema
    // reference lists as generally available and the Agents Toolkit's templates use
    // (templates/vsc/ts/default-bot/appPackage/manifest.json.tpl); v1.30 is newer than the
    // templates. The README ("Teams app package") names the pages.
    expect(template.manifestVersion).toBe('1.29');
  });

  it('takes its ids and domain from ${{TEAMS_APP_ID}}, ${{BOT_ID}} and ${{BOT_DOMAIN}}, its version from ${{APP_VERSION}}', () => {
    expect(template.id).toBe('${{TEAMS_APP_ID}}');
    expect(template.bots[0]?.botId).toBe('${{BOT_ID}}');
    expect(template.validDomains).toEqual(['${{BOT_DOMAIN}}']);
    expect(template.version).toBe('${{APP_VERSION}}');
  });

  it('names no publisher of its own: every developer field is a placeholder filled at package time', () => {
    expect(template.developer).toEqual({
      name: '${{PUBLISHER_NAME}}',
      websiteUrl: '${{PUBLISHER_WEBSITE_URL}}',
      privacyUrl: '${{PUBLISHER_PRIVACY_URL}}',
      termsOfUseUrl: '${{PUBLISHER_TERMS_URL}}',
    });
  });

  it('declares one conversational bot for personal chat, teams and group chats that can send files', () => {
    expect(template.bots).toHaveLength(1);
    const bot = template.bots[0]!;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it("names the bot's Entra app in webApplicationInfo, which Graph's TeamsAppInstallation.ReadWriteSelfForUser.All needs to let the app install itself", () => {
    expect((template as unknown as { webApplicationInfo: unknown }).webApplicationInfo).toEqual({ id: '${{BOT_ID}}', resource: 'api://botid-${{BOT_ID}}' });
  });

  it('offers "hjælp" everywhere, and "forbered MUS", "udviklingsplan", "min afdeling", "mit år", "mine data" and "mit område" in personal chat', () => {
    const titlesFor = (scope: string) =>
      template.bots[0]!.commandLists.filter((list) => list.scopes.includes(scope)).flatMap((list) =>
        list.commands.map((command) => command.title),
      );
    expect(titlesFor('personal')).toEqual(['hjælp', 'forbered MUS', 'udviklingsplan', 'min afdeling', 'mit år', 'mine data', 'mit område']);
    expect(titlesFor('team')).toEqual(['hjælp']);
    expect(titlesFor('groupChat')).toEqual(['hjælp']);
  });

  it('is in Danish by default, with English in en.json', () => {
    expect(template.localizationInfo.defaultLanguageTag).toBe('da');
    expect(template.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
  });
});

describe('the English localization file', () => {
  it(`is valid against the bundled localization schema ${schemaVersion}`, async () => {
    expect(english.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/${schemaVersion}/MicrosoftTeams.Localization.schema.json`,
    );
    expect(await validateAgainstBundledSchema(english)).toEqual([]);
  });

  it('translates every command title and description', () => {
    const keys = commandLocalizationKeys(template satisfies ManifestShape);
    expect(keys).toContain('bots[0].commandLists[0].commands[0].title');
    for (const key of keys) expect(english[key], key).toEqual(expect.any(String));
    expect(english['bots[0].commandLists[0].commands[0].title']).toBe('help');
    expect(english['bots[0].commandLists[0].commands[1].title']).toBe('prepare MUS');
    expect(english['bots[0].commandLists[0].commands[2].title']).toBe('development plan');
    expect(english['bots[0].commandLists[0].commands[3].title']).toBe('my department');
    expect(english['bots[0].commandLists[1].commands[0].title']).toBe('help');
  });

  it('when a localization file misses a required string, then validation reports it', async () => {
    const { ['description.full']: _dropped, ...incomplete } = english;
    const errors = await validateAgainstBundledSchema(incomplete as LocalizationShape);
    expect(errors.join('\n')).toContain('description.full');
  });
});

describe('the icons', () => {
  it('color.png is 192×192', () => {
    const png = readPng('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it('outline.png is 32×32 with a transparent background and only white visible pixels', () => {
    const png = readPng('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    const alphaAt = (x: number, y: number) => png.data[(y * png.width + x) * 4 + 3];
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) expect(alphaAt(x, y), `corner ${x},${y}`).toBe(0);
    let visible = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] === 0) continue;
      visible++;
      expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50);
  });
});

describe('building the app package', () => {
  it(`when the package is built with a bot id, then the zip holds exactly the four files and a manifest valid against schema ${schemaVersion}`, async () => {
    const outDir = tempOutDir();
    const { zipPath, manifest } = await buildAppPackage({
      env: { BOT_ID: botId, TEAMS_APP_ID: teamsAppId, BOT_DOMAIN: botDomain, ...publisher },
      outDir,
    });
    expect(zipPath).toBe(path.join(outDir, zipFileName));

    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const names = Object.values(zip.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
      .sort();
    expect(names).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);

    for (const name of ['manifest.json', 'en.json']) expect(await zip.file(name)!.async('string')).not.toContain('${{');
    const zipped = JSON.parse(await zip.file('manifest.json')!.async('string')) as Template;
    expect(zipped).toEqual(manifest);
    expect(zipped.id).toBe(teamsAppId);
    expect(zipped.bots[0]!.botId).toBe(botId);
    expect(zipped.validDomains).toEqual([botDomain]);
    expect(zipped.version).toBe(packageVersion);
    expect(zipped.developer).toEqual({
      name: publisher.PUBLISHER_NAME,
      websiteUrl: publisher.PUBLISHER_WEBSITE_URL,
      privacyUrl: publisher.PUBLISHER_PRIVACY_URL,
      termsOfUseUrl: publisher.PUBLISHER_TERMS_URL,
    });
    expect(await validateAgainstBundledSchema(zipped)).toEqual([]);

    const zippedIcon = PNG.sync.read(await zip.file('outline.png')!.async('nodebuffer'));
    expect([zippedIcon.width, zippedIcon.height]).toEqual([32, 32]);
  });

  it('when only BOT_ID is given, then the Teams app id is the bot id and validDomains is empty', async () => {
    const { manifest } = await buildAppPackage({ env: { BOT_ID: botId, ...publisher }, outDir: tempOutDir() });
    const built = manifest as Template;
    expect(built.id).toBe(botId);
    expect(built.bots[0]!.botId).toBe(botId);
    expect(built.validDomains).toEqual([]);
  });

  it('when BOT_ID is missing, then the build fails with a message naming BOT_ID and writes no zip', async () => {
    const outDir = tempOutDir();
    await expect(buildAppPackage({ env: { BOT_DOMAIN: botDomain, ...publisher }, outDir })).rejects.toThrow(/BOT_ID/);
    expect(existsSync(path.join(outDir, zipFileName))).toBe(false);
  });

  it('when the environment says another APP_VERSION, then the manifest still has package.json\'s version', async () => {
    const { manifest } = await buildAppPackage({ env: { BOT_ID: botId, ...publisher, APP_VERSION: '9.9.9' }, outDir: tempOutDir() });
    expect((manifest as Template).version).toBe(packageVersion);
  });

  it('when the publisher is not given, then the build fails naming all four variables and writes no zip', async () => {
    const outDir = tempOutDir();
    const error: unknown = await buildAppPackage({ env: { BOT_ID: botId }, outDir }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AppPackageError);
    expect((error as AppPackageError).message).toContain(
      'missing environment variables PUBLISHER_NAME, PUBLISHER_PRIVACY_URL, PUBLISHER_TERMS_URL, PUBLISHER_WEBSITE_URL',
    );
    expect(existsSync(path.join(outDir, zipFileName))).toBe(false);
  });

  it.each([
    ['an example.org placeholder', 'https://example.org/kompetencebot/privatlivspolitik', /is a placeholder address/],
    ['a subdomain of example.com', 'https://www.example.com/privacy', /is a placeholder address/],
    ['localhost', 'https://localhost/privacy', /is a placeholder address/],
    ['plain http', 'http://www.herlev.dk/privatlivspolitik', /must be an https address/],
    ['no address at all', 'privatlivspolitik', /must be an https address/],
  ])('when the privacy address is %s, then the build fails naming PUBLISHER_PRIVACY_URL', async (_what, url, problem) => {
    const outDir = tempOutDir();
    const error: unknown = await buildAppPackage({ env: { BOT_ID: botId, ...publisher, PUBLISHER_PRIVACY_URL: url }, outDir }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AppPackageError);
    expect((error as AppPackageError).message).toMatch(new RegExp(`PUBLISHER_PRIVACY_URL ${problem.source}`));
    expect(existsSync(path.join(outDir, zipFileName))).toBe(false);
  });

  it('when BOT_ID is blank, then it counts as missing', async () => {
    await expect(buildAppPackage({ env: { BOT_ID: '  ', ...publisher }, outDir: tempOutDir() })).rejects.toThrow(
      /missing environment variable BOT_ID/,
    );
  });

  it('when BOT_ID is not a GUID or BOT_DOMAIN has a scheme, then the build fails naming both', async () => {
    const error: unknown = await buildAppPackage({
      env: { BOT_ID: 'not-a-guid', BOT_DOMAIN: `https://${botDomain}`, ...publisher },
      outDir: tempOutDir(),
    }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AppPackageError);
    expect((error as AppPackageError).message).toMatch(/BOT_ID must be a GUID/);
    expect((error as AppPackageError).message).toMatch(/BOT_DOMAIN must be a host name/);
  });
});

describe('schema patterns under ajv’s unicode mode', () => {
  it('escapes a closing bracket that closes no character class, and nothing else', () => {
    expect(escapeLoneClosingBrackets('^a\\[\\b([0-9]|1[01])\\b]\\.x$')).toBe('^a\\[\\b([0-9]|1[01])\\b\\]\\.x$');
    expect(escapeLoneClosingBrackets('^[a-z\\]]+$')).toBe('^[a-z\\]]+$');
    expect(() => new RegExp(escapeLoneClosingBrackets('\\[\\b(1[01])\\b]'), 'u')).not.toThrow();
  });
});
