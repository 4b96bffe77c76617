/**
 * `npm run package`: builds the Teams app package `appPackage/build/appPackage.zip` from the
 * templates in `appPackage/`.
 *
 * - `${{NAME}}` placeholders (Teams Toolkit syntax) are filled from the environment (and `.env`):
 *   BOT_ID is required, TEAMS_APP_ID defaults to BOT_ID, BOT_DOMAIN is optional (an array entry
 *   that is only an unset optional placeholder is dropped, so `validDomains` may end up empty).
 * - The publisher shown in Teams' app details — PUBLISHER_NAME and the https addresses
 *   PUBLISHER_WEBSITE_URL, PUBLISHER_PRIVACY_URL and PUBLISHER_TERMS_URL — are required too, with
 *   no default: the privacy statement a user opens from Teams must be the one of the
 *   municipality that runs the bot (the data controller, see docs/privacy.md), and a placeholder
 *   domain (example.org, localhost, …) is refused.
 * - `${{APP_VERSION}}` is always `version` from package.json: one version for the code and the
 *   app, never taken from the environment.
 * - The manifest and every localization file are validated against the JSON schemas bundled
 *   with `@microsoft/app-manifest`, offline: a schema that is not bundled is an error, never a
 *   download.
 * - Every command title and description must be translated in every localization file, and
 *   the icons must have the sizes and colours Teams requires.
 *
 * Usage: `BOT_ID=<bot app id / managed identity client id> PUBLISHER_NAME=… PUBLISHER_WEBSITE_URL=…
 *   PUBLISHER_PRIVACY_URL=… PUBLISHER_TERMS_URL=… npm run package` (or the same lines in `.env`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { config as loadDotenv } from 'dotenv';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { appPackageDir, projectRoot } from '../src/paths';
import { readAppVersion } from '../src/version';

export interface BuildAppPackageOptions {
  env: Record<string, string | undefined>;
  /** Where `appPackage.zip` goes; default `appPackage/build`. */
  outDir?: string;
}

export interface BuiltAppPackage {
  zipPath: string;
  /** The manifest as written into the zip, placeholders filled in. */
  manifest: object;
}

/** An expected failure (missing variable, invalid manifest, bad icon): its message says all. */
export class AppPackageError extends Error {
  constructor(
    readonly problems: string[],
    heading = 'Cannot build the Teams app package',
  ) {
    super(`${heading}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

export const manifestFileName = 'manifest.json';
export const zipFileName = 'appPackage.zip';

// ---------------------------------------------------------------------------------------------
// JSON values and the parts of the manifest this script reads

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const commandSchema = z.object({ title: z.string(), description: z.string().optional() }).passthrough();
const manifestShape = z
  .object({
    $schema: z.string().url(),
    icons: z.object({ color: z.string(), outline: z.string() }).passthrough(),
    localizationInfo: z
      .object({
        defaultLanguageFile: z.string().optional(),
        additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })).optional(),
      })
      .passthrough()
      .optional(),
    bots: z
      .array(
        z
          .object({
            commandLists: z.array(z.object({ commands: z.array(commandSchema) }).passthrough()).optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();
export type ManifestShape = z.infer<typeof manifestShape>;

const localizationShape = z.object({ $schema: z.string().url() }).catchall(z.unknown());
export type LocalizationShape = z.infer<typeof localizationShape>;

function parseJsonFile(file: string): Json {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (error) {
    throw new AppPackageError([`${path.basename(file)} is not readable JSON: ${(error as Error).message}`]);
  }
}

function parseShape<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, fileName: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppPackageError(
    parsed.error.issues.map((issue) => `${fileName}: ${issue.path.join('.') || '(root)'} ${issue.message}`),
  );
}

// ---------------------------------------------------------------------------------------------
// Placeholders

const placeholderPattern = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** Placeholders that may stay unset: an array entry holding only such a placeholder is dropped. */
const optionalVariables: ReadonlySet<string> = new Set(['BOT_DOMAIN']);
/** The publisher Teams shows in the app's details: no default (see the header). */
export const publisherVariables = ['PUBLISHER_NAME', 'PUBLISHER_WEBSITE_URL', 'PUBLISHER_PRIVACY_URL', 'PUBLISHER_TERMS_URL'] as const;
/** Always required, whether or not a template mentions it. */
const requiredVariables = ['BOT_ID', ...publisherVariables] as const;
/** Variables that fall back to another one when unset. */
const variableDefaults: Readonly<Record<string, string>> = { TEAMS_APP_ID: 'BOT_ID' };
/** Filled from package.json, whatever the environment says. */
export const versionVariable = 'APP_VERSION';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Host names reserved for examples and tests (RFC 2606, RFC 6761) and this machine. */
const placeholderHost = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;
const publisherUrl = z.string().superRefine((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'https:') ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an https address' });
  else if (placeholderHost.test(url.hostname)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is a placeholder address: give the municipality\'s own page' });
});
const variableFormats: Record<string, z.ZodType<string>> = {
  BOT_ID: z.string().regex(guidPattern, 'must be a GUID (the bot\'s Microsoft App ID or managed identity client id)'),
  TEAMS_APP_ID: z.string().regex(guidPattern, 'must be a GUID'),
  PUBLISHER_NAME: z.string().max(32, 'must be at most 32 characters (Teams\' limit for the developer name)'),
  PUBLISHER_WEBSITE_URL: publisherUrl,
  PUBLISHER_PRIVACY_URL: publisherUrl,
  PUBLISHER_TERMS_URL: publisherUrl,
  BOT_DOMAIN: z
    .string()
    .regex(
      /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
      'must be a host name without scheme or path, e.g. kompetencebot.azurewebsites.net',
    ),
};

export function placeholdersIn(value: Json): Set<string> {
  const names = new Set<string>();
  const visit = (node: Json): void => {
    if (typeof node === 'string') for (const match of node.matchAll(placeholderPattern)) names.add(match[1]!);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(value);
  return names;
}

/** The values to substitute: trimmed, empty as unset, TEAMS_APP_ID defaulting to BOT_ID. */
function variableValues(env: Record<string, string | undefined>): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    const trimmed = value?.trim();
    if (trimmed) values.set(name, trimmed);
  }
  for (const [name, fallback] of Object.entries(variableDefaults)) {
    const value = values.get(fallback);
    if (!values.has(name) && value !== undefined) values.set(name, value);
  }
  values.set(versionVariable, readAppVersion());
  return values;
}

/** Throws one error naming every missing variable and every malformed value. */
function checkVariables(names: Set<string>, values: Map<string, string>): void {
  const wanted = [...new Set([...requiredVariables, ...names])].sort();
  // A variable with a default is reported through the one it defaults to.
  const missing = wanted.filter((name) => !values.has(name) && !optionalVariables.has(name) && !(name in variableDefaults));
  if (missing.length > 0) {
    throw new AppPackageError([
      `missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: set ${missing.length > 1 ? 'them' : 'it'} in the environment or in .env`,
      'BOT_ID is the BOT_ID output of infra/main.bicep (TEAMS_APP_ID defaults to it)',
      'PUBLISHER_NAME, PUBLISHER_WEBSITE_URL, PUBLISHER_PRIVACY_URL and PUBLISHER_TERMS_URL are the municipality\'s name and its https pages (the privacy page is its own privacy statement; docs/privacy.md is where to start it)',
    ]);
  }
  const malformed = wanted.flatMap((name) => {
    const value = values.get(name);
    const format = variableFormats[name];
    if (value === undefined || !format) return [];
    const parsed = format.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${name} ${issue.message} (got "${value}")`);
  });
  if (malformed.length > 0) throw new AppPackageError(malformed);
}

const dropped = Symbol('dropped');
const wholePlaceholder = /^\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

function substituteString(text: string, values: Map<string, string>, inArray: boolean): string | typeof dropped {
  const name = wholePlaceholder.exec(text)?.[1];
  if (inArray && name && !values.has(name) && optionalVariables.has(name)) return dropped;
  return text.replace(placeholderPattern, (_placeholder: string, variable: string) => {
    const value = values.get(variable);
    if (value === undefined) throw new AppPackageError([`missing environment variable ${variable} (needed by "${text}")`]);
    return value;
  });
}

/** Fills every placeholder; array entries that are only an unset optional placeholder go. */
export function substitutePlaceholders(value: Json, values: Map<string, string>): Json {
  const visit = (node: Json, inArray: boolean): Json | typeof dropped => {
    if (typeof node === 'string') return substituteString(node, values, inArray);
    if (Array.isArray(node)) return node.map((item) => visit(item, true)).filter((item): item is Json => item !== dropped);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item, false)])) as {
        [key: string]: Json;
      };
    }
    return node;
  };
  return visit(value, false) as Json;
}

// ---------------------------------------------------------------------------------------------
// Offline schema validation

const bundledSchemasDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas');

/**
 * The bundled copy of a Teams schema URL such as
 * https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json
 * (also with a locale, /en-us/json-schemas/...). Throws if the package does not bundle it.
 */
export function bundledSchemaPath(schemaUrl: string): string {
  const match = /\/json-schemas\/(teams\/v[0-9A-Za-z.]+\/MicrosoftTeams(?:\.[A-Za-z]+)?\.schema\.json)$/.exec(
    new URL(schemaUrl).pathname,
  );
  const file = match ? path.join(bundledSchemasDir, ...match[1]!.split('/')) : undefined;
  if (!file || !existsSync(file)) {
    throw new AppPackageError([
      `the schema ${schemaUrl} is not bundled with @microsoft/app-manifest; use a bundled version (see ${bundledSchemasDir}/teams)`,
    ]);
  }
  return file;
}

type ManifestJsonSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/**
 * Escapes a `]` that closes no character class (`\[\b(...)\b]` in the localization schemas).
 * Plain JavaScript regexes read it as a literal `]`, but ajv compiles patterns with the `u` flag,
 * which rejects it ("Lone quantifier brackets"); `\]` means the same and compiles in both modes.
 */
export function escapeLoneClosingBrackets(pattern: string): string {
  let result = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      result += char + (pattern[i + 1] ?? '');
      i++;
    } else if (char === '[' && !inClass) {
      inClass = true;
      result += char;
    } else if (char === ']') {
      result += inClass ? char : '\\]';
      inClass = false;
    } else {
      result += char;
    }
  }
  return result;
}

/** Applies {@link escapeLoneClosingBrackets} to every `pattern` and `patternProperties` key. */
function withUnicodeSafePatterns(node: Json): Json {
  if (Array.isArray(node)) return node.map(withUnicodeSafePatterns);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, escapeLoneClosingBrackets(value)];
      if (key === 'patternProperties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const properties = Object.entries(value).map(([pattern, schema]) => [
          escapeLoneClosingBrackets(pattern),
          withUnicodeSafePatterns(schema),
        ]);
        return [key, Object.fromEntries(properties) as Json];
      }
      return [key, withUnicodeSafePatterns(value)];
    }),
  ) as Json;
}

function readBundledSchema(schemaUrl: string): ManifestJsonSchema {
  // The same clean-up @microsoft/app-manifest applies: some schemas contain \a and \v escapes.
  const raw = readFileSync(bundledSchemaPath(schemaUrl), 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return withUnicodeSafePatterns(JSON.parse(raw) as Json) as unknown as ManifestJsonSchema;
}

/** Validates a manifest or localization file against its own `$schema`, offline. */
export async function validateAgainstBundledSchema(document: { $schema: string }): Promise<string[]> {
  const schema = readBundledSchema(document.$schema);
  return AppManifestUtils.validateAgainstSchema(document as unknown as AppManifest, schema);
}

// ---------------------------------------------------------------------------------------------
// Consistency checks the schemas do not make

export function localizationFilesOf(manifest: ManifestShape): string[] {
  const info = manifest.localizationInfo;
  return [
    ...(info?.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info?.additionalLanguages ?? []).map((language) => language.file),
  ];
}

/** Localization keys of every bot command's title and description, e.g. `bots[0].commandLists[1].commands[0].title`. */
export function commandLocalizationKeys(manifest: ManifestShape): string[] {
  return (manifest.bots ?? []).flatMap((bot, b) =>
    (bot.commandLists ?? []).flatMap((list, l) =>
      list.commands.flatMap((command, c) => {
        const key = `bots[${b}].commandLists[${l}].commands[${c}]`;
        return [`${key}.title`, ...(command.description === undefined ? [] : [`${key}.description`])];
      }),
    ),
  );
}

export function untranslatedCommandKeys(manifest: ManifestShape, localization: LocalizationShape): string[] {
  return commandLocalizationKeys(manifest).filter((key) => typeof localization[key] !== 'string');
}

/** Teams: colour icon 192×192; outline icon 32×32, white on a transparent background. */
export function iconProblems(kind: 'color' | 'outline', png: PNG): string[] {
  const size = kind === 'color' ? 192 : 32;
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) {
    problems.push(`${kind} icon must be ${size}×${size} pixels, is ${png.width}×${png.height}`);
  }
  if (kind === 'outline') {
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3]!;
      if (alpha === 0) transparent++;
      else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
    }
    if (transparent === 0) problems.push('outline icon must have a transparent background');
    if (coloured > 0) problems.push(`outline icon must be white only; ${coloured} visible pixels are not #FFFFFF`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The build

interface PackageEntry {
  name: string;
  content: Buffer | string;
}

function jsonEntry(name: string, document: Json): PackageEntry {
  return { name, content: `${JSON.stringify(document, null, 2)}\n` };
}

async function iconEntry(kind: 'color' | 'outline', fileName: string, sourceDir: string): Promise<PackageEntry> {
  const content = await readFile(path.join(sourceDir, fileName));
  const problems = iconProblems(kind, PNG.sync.read(content));
  if (problems.length > 0) throw new AppPackageError(problems);
  return { name: fileName, content };
}

async function validated(fileName: string, document: { $schema: string }): Promise<void> {
  const errors = await validateAgainstBundledSchema(document);
  if (errors.length > 0) {
    throw new AppPackageError(errors.map((error) => `${fileName}: ${error}`), `${fileName} is not valid against ${document.$schema}`);
  }
}

async function writeZip(entries: PackageEntry[], zipPath: string): Promise<void> {
  const zip = new JSZip();
  // A fixed date keeps the zip byte-identical for identical inputs.
  const date = new Date('2020-01-01T00:00:00Z');
  for (const entry of entries) zip.file(entry.name, entry.content, { date });
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await mkdir(path.dirname(zipPath), { recursive: true });
  await writeFile(zipPath, buffer);
}

export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuiltAppPackage> {
  const sourceDir = appPackageDir;
  const manifestTemplate = parseJsonFile(path.join(sourceDir, manifestFileName));
  const templateShape = parseShape(manifestShape, manifestTemplate, manifestFileName);
  const localizationFiles = localizationFilesOf(templateShape);
  const localizationTemplates = localizationFiles.map((file) => parseJsonFile(path.join(sourceDir, file)));

  const values = variableValues(options.env);
  const names = new Set([manifestTemplate, ...localizationTemplates].flatMap((template) => [...placeholdersIn(template)]));
  checkVariables(names, values);

  const manifest = substitutePlaceholders(manifestTemplate, values);
  const manifestParsed = parseShape(manifestShape, manifest, manifestFileName);
  await validated(manifestFileName, manifestParsed);

  const entries: PackageEntry[] = [jsonEntry(manifestFileName, manifest)];
  for (const [index, file] of localizationFiles.entries()) {
    const localization = substitutePlaceholders(localizationTemplates[index]!, values);
    const localizationParsed = parseShape(localizationShape, localization, file);
    await validated(file, localizationParsed);
    const untranslated = untranslatedCommandKeys(manifestParsed, localizationParsed);
    if (untranslated.length > 0) throw new AppPackageError(untranslated.map((key) => `${file} does not translate ${key}`));
    entries.push(jsonEntry(file, localization));
  }
  entries.push(await iconEntry('color', manifestParsed.icons.color, sourceDir));
  entries.push(await iconEntry('outline', manifestParsed.icons.outline, sourceDir));

  const zipPath = path.join(options.outDir ?? path.join(appPackageDir, 'build'), zipFileName);
  await writeZip(entries, zipPath);
  return { zipPath, manifest: manifestParsed };
}

// ---------------------------------------------------------------------------------------------
// CLI

/** The process environment, plus `.env` from the project root if present (without overriding). */
function loadEnvironment(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  const dotenvPath = path.join(projectRoot, '.env');
  if (existsSync(dotenvPath)) loadDotenv({ path: dotenvPath, quiet: true, processEnv: env as Record<string, string> });
  return env;
}

async function main(): Promise<void> {
  const { zipPath } = await buildAppPackage({ env: loadEnvironment() });
  console.log(`Teams app package written to ${path.relative(process.cwd(), zipPath) || zipPath}`);
  console.log('Upload it in the Teams admin centre (Teams apps > Manage apps > Upload new app), or sideload it in Teams.');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof AppPackageError ? error.message : error);
    process.exitCode = 1;
  });
}
