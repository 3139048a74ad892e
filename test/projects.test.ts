import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** Every *.test.ts in the repository, wherever it is: not only where the config looks. */
function testFilesInRepository(dir = ''): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'dist', 'coverage'].includes(entry.name) || entry.name.startsWith('.')
        ? []
        : testFilesInRepository(file);
    }
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/** Which projects vitest itself puts each test file in, read from vitest.config.ts as `vitest run` reads it. */
async function projectsByFile(): Promise<Record<string, string[]>> {
  const vitest = await createVitest('test', { root: repoRoot, watch: false });
  try {
    const byFile: Record<string, string[]> = {};
    for (const spec of await vitest.globTestSpecifications()) {
      const file = path.relative(repoRoot, spec.moduleId).split(path.sep).join('/');
      byFile[file] = [...(byFile[file] ?? []), spec.project.name];
    }
    return byFile;
  } finally {
    await vitest.close();
  }
}

describe('the vitest projects', () => {
  it('put every test file in the repository in exactly one of unit and e2e', async () => {
    const byFile = await projectsByFile();
    const files = testFilesInRepository();

    expect(files.length).toBeGreaterThan(50);
    expect(
      files.filter((file) => byFile[file]?.length !== 1).map((file) => [file, byFile[file] ?? []]),
    ).toEqual([]);
    expect(byFile['test/deploy/deploy.test.ts']).toEqual(['e2e']);
    expect(byFile['test/projects.test.ts']).toEqual(['unit']);
  });
});
