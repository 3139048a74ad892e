/** Writing adopt's files into a repository, only over what git can give back. */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../user-error';

export class AdoptTargetError extends UserError {}

export async function writeFiles(root: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [file, text] of files) {
    const target = path.join(root, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

/**
 * Adopt writes over tenant/ and actions/: refused unless git holds every change there, so that what it
 * replaces can be seen in the diff and given back (`git checkout`). A folder outside git is refused too.
 */
const listed = (items: readonly string[], last: string) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;

export function refuseUncommitted(root: string, folders: readonly string[]): void {
  let status: string;
  try {
    status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...folders], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    throw new AdoptTargetError(
      `${root} is not a git repository: adopt writes over ${listed(folders, 'and')}, so it runs only where git can show and undo that (git init, then commit)`,
    );
  }
  const changed = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (changed.length > 0) {
    const shown =
      changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
    throw new AdoptTargetError(
      `uncommitted changes in ${listed(folders, 'or')} (${shown}): commit or stash them first, since adopt writes over these`,
    );
  }
}
