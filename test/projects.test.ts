import { readdirSync, readFileSync } from 'node:fs';
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

/**
 * What a test imports to start the local tenant or a child process: a test file that imports one of these
 * itself belongs in E2E_TESTS (vitest.config.ts). Repository modules without their .ts, /index.ts.
 */
const STARTS_SERVERS_OR_PROCESSES = [
  'node:child_process',
  'child_process',
  'scripts/local-tenant',
  'scripts/local-tenant/local-tenant',
  'test/deploy/workspace',
  'test/local-tenant/engine',
];

/** The modules a file imports for more than types, relative ones as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(/^import\s+(type\s)?[^;]*?'([^']+)';/gm)]
    .filter(([, typeOnly]) => !typeOnly)
    .map(([, , specifier = '']) =>
      specifier.startsWith('.')
        ? path.posix.join(path.posix.dirname(file), specifier).replace(/(\/index)?\.ts$/, '')
        : specifier,
    );
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

  it('keep out of unit every test file that imports what starts the local tenant or a child process', async () => {
    const byFile = await projectsByFile();
    const unit = Object.keys(byFile).filter((file) => byFile[file]?.includes('unit'));
    const starting = unit.flatMap((file) =>
      importsOf(file)
        .filter((module) => STARTS_SERVERS_OR_PROCESSES.includes(module))
        .map((module) => `${file} imports ${module}`),
    );

    expect(unit.length).toBeGreaterThan(40);
    expect(starting).toEqual([]);
  });
});
