/**
 * Removes the earlier versions of a cached file from its folder: the command bundles (launch.mjs) and the
 * tenant validators (scripts/tenant/schema/compiled.ts). Plain JavaScript, as the launcher runs before
 * anything can compile TypeScript; `earlier-versions.d.mts` types it.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** How long an earlier version is left: a process started a moment before may not have read it yet. */
export const KEPT_FOR_MS = 10 * 60_000;

/**
 * Removes the versions (`isVersion`) untouched for ten minutes. `current` stays, and so do its companions
 * (`current.*`, such as another process's partial copy).
 * @param {string} folder @param {string} current @param {(name: string) => boolean} isVersion
 */
export function removeEarlierVersions(folder, current, isVersion) {
  const before = Date.now() - KEPT_FOR_MS;
  let names;
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === current || name.startsWith(`${current}.`) || !isVersion(name)) continue;
    try {
      if (statSync(path.join(folder, name)).mtimeMs < before) rmSync(path.join(folder, name));
    } catch {
      // Removed by another process at the same time.
    }
  }
}
