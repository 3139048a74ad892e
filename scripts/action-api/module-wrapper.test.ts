import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxRequire } from './module-wrapper';

/** A project with one declared package that has no `exports` map, and a file of its own beside node_modules. */
const projectRoot = mkdtempSync(path.join(tmpdir(), 'module-wrapper-'));
mkdirSync(path.join(projectRoot, 'node_modules', 'declared'), { recursive: true });
mkdirSync(path.join(projectRoot, 'node_modules', 'undeclared'), { recursive: true });
writeFileSync(
  path.join(projectRoot, 'node_modules', 'declared', 'package.json'),
  '{"name":"declared","version":"1.0.0"}',
);
writeFileSync(path.join(projectRoot, 'node_modules', 'declared', 'index.js'), 'module.exports = "declared";');
writeFileSync(path.join(projectRoot, 'node_modules', 'declared', 'sub.js'), 'module.exports = "sub";');
writeFileSync(
  path.join(projectRoot, 'node_modules', 'undeclared', 'index.js'),
  'module.exports = "undeclared";',
);
writeFileSync(path.join(projectRoot, 'repository-file.js'), 'module.exports = "a file of the repository";');
afterAll(() => rmSync(projectRoot, { recursive: true, force: true }));

describe("an Action's require", () => {
  const required = sandboxRequire(projectRoot, [{ name: 'declared' }]);

  it('reaches built-ins, the declared package and its files', () => {
    expect(required('node:path')).toBe(path);
    expect(required('declared')).toBe('declared');
    expect(required('declared/sub')).toBe('sub');
  });

  it('does not climb out of a declared package to the repository or to undeclared packages', () => {
    for (const id of [
      'declared/../../repository-file',
      'declared/../undeclared',
      'declared/./../undeclared',
      'undeclared',
    ])
      expect(() => required(id), id).toThrow(expect.objectContaining({ code: 'MODULE_NOT_FOUND' }));
  });
});
