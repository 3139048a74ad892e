import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepFolderRefusal } from '../../scripts/deploy/keep-folder';

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'keep-folder-'));
});
afterEach(() => rm(scratch, { recursive: true, force: true }));

describe('the folder an export is kept in', () => {
  it('may be new or empty', async () => {
    await mkdir(path.join(scratch, 'empty'));

    expect(keepFolderRefusal(path.join(scratch, 'new'))).toBeUndefined();
    expect(keepFolderRefusal(path.join(scratch, 'empty'))).toBeUndefined();
  });

  it('may not hold anything, nor be a file', async () => {
    await writeFile(path.join(scratch, 'tenant.yaml'), 'an uncommitted edit\n');

    expect(keepFolderRefusal(scratch)).toBe(
      `--keep ${scratch} is not empty: the dump would overwrite what is in it; keep the export in a new or empty folder; nothing was written`,
    );
    expect(keepFolderRefusal(path.join(scratch, 'tenant.yaml'))).toMatch(/ is not a folder: /);
  });
});
