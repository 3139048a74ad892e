import { type Dirent, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { LockedPackage, Lockfile } from './lockfile';

/**
 * Why a package cannot run in Auth0's Actions runtime, which installs it from npm without compiling
 * anything: it, or a package it depends on, builds or ships a native addon. Undefined when it is plain JS.
 */
export function nativeReason(lockfile: Lockfile, name: string): string | undefined {
  const seen = new Set<string>();
  const visit = (pkg: LockedPackage, via: string): string | undefined => {
    if (seen.has(pkg.key)) return undefined;
    seen.add(pkg.key);
    const own = nativeMarker(lockfile, pkg);
    if (own) return via === '' ? own : `${via} -> ${pkg.name}: ${own}`;
    for (const dependency of pkg.dependencies) {
      const found = lockfile.find(dependency, pkg.key);
      // An optional dependency for another platform is not installed here; skip it.
      if (!found) continue;
      const reason = visit(found, via === '' ? pkg.name : `${via} -> ${pkg.name}`);
      if (reason) return reason;
    }
    return undefined;
  };
  const top = lockfile.find(name);
  return top ? visit(top, '') : undefined;
}

const NATIVE_LOADERS = new Set(['bindings', 'node-gyp-build', 'prebuild-install', '@mapbox/node-pre-gyp']);

function nativeMarker(lockfile: Lockfile, pkg: LockedPackage): string | undefined {
  if (pkg.hasInstallScript) return 'runs an install script (usually to compile a native addon)';
  const loader = pkg.dependencies.find((dependency) => NATIVE_LOADERS.has(dependency));
  if (loader) return `loads a native addon through ${loader}`;
  const dir = path.join(lockfile.root, pkg.key);
  if (existsSync(path.join(dir, 'binding.gyp'))) return 'has a binding.gyp (a native addon)';
  const addon = findAddon(dir, 3);
  return addon ? `ships a native addon (${path.relative(dir, addon)})` : undefined;
}

/** The first `.node` file under `dir` (not inside nested node_modules), at most `depth` folders down. */
function findAddon(dir: string, depth: number): string | undefined {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isFile() && entry.name.endsWith('.node')) return path.join(dir, entry.name);
  }
  if (depth === 0) return undefined;
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const found = findAddon(path.join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return undefined;
}
