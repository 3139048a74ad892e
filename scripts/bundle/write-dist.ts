import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILT_MARKER } from './dist-tenant';

export interface DistFile {
  /** Relative to the output folder, with forward slashes: `tenant.yaml`, `actions/user-sync.js`. */
  path: string;
  content: string;
}

/**
 * Why `outDir` must not be replaced, or undefined when it may be: it is missing, empty, or a folder this
 * build wrote (its tenant.yaml starts with the build's marker). Stops `--out .` from deleting a checkout.
 */
export function replaceRefusal(outDir: string): string | undefined {
  if (!existsSync(outDir)) return undefined;
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch {
    return `${outDir} exists and is not a folder`;
  }
  if (entries.length === 0) return undefined;
  const tenantFile = path.join(outDir, 'tenant.yaml');
  const built = existsSync(tenantFile) && readFileSync(tenantFile, 'utf8').startsWith(BUILT_MARKER);
  return built ? undefined : `${outDir} is not empty and was not written by the build`;
}

/**
 * Replaces `outDir` with exactly `files`: written into a sibling folder first, then swapped in, so a
 * failed write never leaves half a build, and a removed Action leaves no stale bundle behind.
 */
export async function writeDist(outDir: string, files: readonly DistFile[]): Promise<void> {
  const refusal = replaceRefusal(outDir);
  if (refusal) throw new Error(refusal);
  const staging = `${outDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(staging, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  await mkdir(staging, { recursive: true });
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.dirname(outDir), { recursive: true });
  await rename(staging, outDir);
}
