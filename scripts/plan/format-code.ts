/**
 * Code fields: the text a resource runs or renders (an Action's code, a custom database's scripts, a login
 * page template). A reviewer reads them in the repository's sources; the plan sums each change up as the
 * lines it adds and removes, and the markdown adds its unified diff. Every other string is shown whole.
 *
 * No code field ever holds a secret value: sealing fills secrets only into the secret paths the registry
 * declares (an Action's `secrets`, a database's `options.configuration`) and refuses one found anywhere
 * else, and an Action's code has its fingerprint comment taken off before it is compared.
 */
import { structuredPatch } from 'diff';
import { resourceType } from '../resources/index';
import { matchesPattern } from '../resources/paths';

/** Diff lines shown per field; a longer diff is cut, with how much is left out. */
const DIFF_LIMIT = 200;

export function isCodeField(type: string, path: string): boolean {
  // Each type's module in the resource registry declares its code fields.
  return (resourceType(type)?.codeFields ?? []).some((pattern) => matchesPattern(pattern, path.split('.')));
}

export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

const lines = (count: number) => `${count} line${count === 1 ? '' : 's'}`;

/** `2 lines added, 1 removed (3 -> 4 lines)`; `12 lines` for new code; `12 lines -> (removed)`. */
export function codeSummary(before: string | undefined, after: string | undefined): string {
  if (before === undefined) return lines(lineCount(after ?? ''));
  if (after === undefined) return `${lines(lineCount(before))} -> (removed)`;
  return `${addedRemoved(codeCounts(before, after))} (${lineCount(before)} -> ${lines(lineCount(after))})`;
}

/** `2 lines added, 1 removed`. */
export function addedRemoved({ added, removed }: { added: number; removed: number }): string {
  return `${lines(added)} added, ${removed} removed`;
}

export function codeCounts(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of hunkLines(before, after)) {
    if (line.startsWith('+')) added += 1;
    else if (line.startsWith('-')) removed += 1;
  }
  return { added, removed };
}

/** The unified diff of a code field, tenant first: `---`/`+++` headers, then its hunks (cut when long). */
export function codeDiff(path: string, before: string | undefined, after: string | undefined): string[] {
  const body = hunkLines(before ?? '', after ?? '', true);
  const shown =
    body.length > DIFF_LIMIT
      ? [...body.slice(0, DIFF_LIMIT), `... ${lines(body.length - DIFF_LIMIT)} more of this diff`]
      : body;
  return [`--- ${path} (tenant)`, `+++ ${path} (repository)`, ...shown];
}

function hunkLines(before: string, after: string, withHeaders = false): string[] {
  const patch = structuredPatch('tenant', 'repository', before, after, undefined, undefined, { context: 3 });
  return patch.hunks.flatMap((hunk) => [
    ...(withHeaders ? [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`] : []),
    ...hunk.lines,
  ]);
}
