import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One installed package as package-lock.json (v2/v3) records it. */
export interface LockedPackage {
  /** Key in the lockfile, e.g. `node_modules/axios` or `node_modules/a/node_modules/b`. */
  key: string;
  name: string;
  version: string;
  hasInstallScript: boolean;
  dependencies: string[];
}

export interface Lockfile {
  file: string;
  /** The folder holding package-lock.json and node_modules/. */
  root: string;
  /** The package a file under `key`'s folder would load for `name`, resolved the way Node walks up. */
  find(name: string, fromKey?: string): LockedPackage | undefined;
}

interface RawEntry {
  version?: unknown;
  hasInstallScript?: unknown;
  dependencies?: unknown;
  optionalDependencies?: unknown;
}

/** The nearest package-lock.json at or above `dir`. */
export function findLockfile(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'package-lock.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

export function readLockfile(file: string): Lockfile {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { lockfileVersion?: unknown; packages?: unknown };
  if (typeof data.packages !== 'object' || data.packages === null) {
    throw new Error(
      `${file} has no "packages" map (lockfileVersion ${String(data.lockfileVersion)}); regenerate it with npm 7 or later`,
    );
  }
  const entries = data.packages as Record<string, RawEntry>;
  const packageAt = (key: string): LockedPackage | undefined => {
    const entry = entries[key];
    if (!entry || typeof entry.version !== 'string') return undefined;
    return {
      key,
      name: key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version,
      hasInstallScript: entry.hasInstallScript === true,
      dependencies: [...namesOf(entry.dependencies), ...namesOf(entry.optionalDependencies)].sort(),
    };
  };
  return {
    file,
    root: path.dirname(file),
    find(name, fromKey = '') {
      // node_modules/a/node_modules/b looks in node_modules/a/node_modules/b/node_modules, then
      // node_modules/a/node_modules, then node_modules.
      let scope = fromKey;
      for (;;) {
        const found = packageAt(`${scope === '' ? '' : `${scope}/`}node_modules/${name}`);
        if (found) return found;
        if (scope === '') return undefined;
        const cut = scope.lastIndexOf('/node_modules/');
        scope = cut < 0 ? '' : scope.slice(0, cut);
      }
    },
  };
}

function namesOf(value: unknown): string[] {
  return value !== null && typeof value === 'object' ? Object.keys(value) : [];
}
