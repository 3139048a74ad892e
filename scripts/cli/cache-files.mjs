/**
 * How a file kept in node_modules/.cache is written and its earlier versions removed, for the command
 * bundles (launch.mjs) and the tenant validators (scripts/tenant/schema/compiled.ts). Plain JavaScript, as
 * the launcher runs before anything can compile TypeScript; `cache-files.d.mts` types it.
 */
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Written beside, then renamed: a process starting at the same time never reads half a file. The partial
 * copy is named per process and per thread (the test suite's worker threads share one process id), so
 * no two writers share one.
 * @param {string} file @param {string | NodeJS.ArrayBufferView} data
 */
export function writeAtomically(file, data) {
  const partial = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

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
