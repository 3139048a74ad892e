import { readdirSync, statSync } from 'node:fs';

/**
 * Why `npm run export -- --keep <folder>` must not dump into `folder`, or undefined when it may (it is
 * missing or empty). deploy-cli's dump writes tenant.yaml and the code files over whatever is there, so a
 * folder holding anything (an earlier export being edited, a checkout) is refused, as `build --out` is.
 */
export function keepFolderRefusal(folder: string): string | undefined {
  let entries: string[];
  try {
    if (!statSync(folder).isDirectory()) {
      return `--keep ${folder} is not a folder: keep the export in a new or empty folder; nothing was written`;
    }
    entries = readdirSync(folder);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  if (entries.length === 0) return undefined;
  return `--keep ${folder} is not empty: the dump would overwrite what is in it; keep the export in a new or empty folder; nothing was written`;
}
