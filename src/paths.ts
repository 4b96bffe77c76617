import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project root (the folder holding package.json), found from this file's location so that
 * it is the same whether the code runs from `src/` under tsx or from `dist/src/` after `tsc`.
 * `cards/`, `data/` and `appPackage/` are resolved from here at run time: tsc does not copy them.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'cards'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const projectRoot = findProjectRoot(__dirname);
export const cardsDir = path.join(projectRoot, 'cards');
export const defaultDataDir = path.join(projectRoot, 'data');
export const appPackageDir = path.join(projectRoot, 'appPackage');
