import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths';

const semver = /^\d+\.\d+\.\d+$/;

/**
 * The one version of Kompetencebot: `version` in package.json. `npm run package` writes it into
 * the Teams manifest and telemetry reports it as `service.version`.
 */
export function readAppVersion(root: string = projectRoot): string {
  const packageJson = z
    .object({ version: z.string().regex(semver, 'must be MAJOR.MINOR.PATCH (Teams accepts no pre-release tags)') })
    .parse(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')));
  return packageJson.version;
}
