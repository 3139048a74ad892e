import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** How long an earlier version is left: a process started a moment before may not have read it yet. */
export const KEPT_FOR_MS = 10 * 60_000;

/**
 * Removes the earlier versions (`isVersion`) of a cached file from its folder, once untouched for ten
 * minutes. `current` stays, and so do its companions (`current.*`, such as another process's partial copy).
 * The command bundles are pruned the same way (scripts/cli/launch.mjs, which runs before TypeScript can).
 */
export function removeEarlierVersions(
  folder: string,
  current: string,
  isVersion: (name: string) => boolean,
): void {
  const before = Date.now() - KEPT_FOR_MS;
  let names: string[];
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
