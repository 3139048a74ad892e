import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEPT_FOR_MS, removeEarlierVersions, writeAtomically } from './cache-files.mjs';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A cache folder holding `names`, each last written `ageMs` ago. */
function cacheFolder(files: Record<string, number>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'earlier-versions-'));
  folders.push(folder);
  for (const [name, ageMs] of Object.entries(files)) {
    const file = path.join(folder, name);
    writeFileSync(file, name);
    const at = new Date(Date.now() - ageMs);
    utimesSync(file, at, at);
  }
  return folder;
}

const isValidators = (name: string) => name.startsWith('validators-');
const anHour = 60 * 60_000;

describe('removing the earlier versions of a cached file', () => {
  it('removes the versions untouched for ten minutes, and keeps the current one however old', () => {
    const folder = cacheFolder({
      'validators-new.cjs': anHour,
      'validators-old.cjs': anHour,
      'validators-older.cjs': 2 * anHour,
    });

    removeEarlierVersions(folder, 'validators-new.cjs', isValidators);

    expect(readdirSync(folder)).toEqual(['validators-new.cjs']);
  });

  it('keeps a version written in the last ten minutes: a process may be about to read it', () => {
    const folder = cacheFolder({
      'validators-new.cjs': 0,
      'validators-just-before.cjs': KEPT_FOR_MS - 60_000,
    });

    removeEarlierVersions(folder, 'validators-new.cjs', isValidators);

    expect(readdirSync(folder).sort()).toEqual(['validators-just-before.cjs', 'validators-new.cjs']);
  });

  it("keeps the current file's companions and files that are no version of it", () => {
    const folder = cacheFolder({
      'validators-new.cjs': 0,
      'validators-new.cjs.123-1.tmp': anHour,
      'README.md': anHour,
    });

    removeEarlierVersions(folder, 'validators-new.cjs', isValidators);

    expect(readdirSync(folder).sort()).toEqual([
      'README.md',
      'validators-new.cjs',
      'validators-new.cjs.123-1.tmp',
    ]);
  });

  it('does nothing for a folder that is not there', () => {
    expect(() =>
      removeEarlierVersions(path.join(tmpdir(), 'no-such-cache-folder'), 'validators-new.cjs', isValidators),
    ).not.toThrow();
  });
});

describe('writing a cached file', () => {
  it('puts the whole file in place, over an earlier one, and leaves no partial copy beside it', () => {
    const folder = cacheFolder({ 'validators-new.cjs': 0 });
    const file = path.join(folder, 'validators-new.cjs');

    writeAtomically(file, 'exports.tenant = () => true;');

    expect(readFileSync(file, 'utf8')).toBe('exports.tenant = () => true;');
    expect(readdirSync(folder)).toEqual(['validators-new.cjs']);
  });
});
