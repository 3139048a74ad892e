import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledEntry } from '../../scripts/cli/launch.mjs';
import { removeBundles, repoRoot } from './helpers';

// Inside the repository, as the commands are: a package import resolves from its node_modules.
const dir = path.join(repoRoot, 'dist', '.test-launch', randomUUID());
const entry = path.join(dir, 'command.ts');
const sharing = path.join(dir, 'sharing.ts');
const engineProcess = path.join(repoRoot, 'scripts', 'engine', 'engine-process.mjs');
const sibling = path.join(dir, 'where.ts');
mkdirSync(dir, { recursive: true });
writeFileSync(
  entry,
  [
    "import { parse } from 'yaml';",
    "import { whereAmI } from './where';",
    // adopt writes tests that hold this text: it must stay text.
    'const spelt = `createRequire(import.meta.url)`;',
    'export const own = { entry: import.meta.url, sibling: whereAmI, parsed: parse("a: 1"), spelt };',
  ].join('\n'),
);
writeFileSync(sibling, 'export const whereAmI: string = import.meta.dirname;\n');
writeFileSync(
  sharing,
  `import { prestartEngine } from '${path.relative(dir, engineProcess).split(path.sep).join('/')}';\nexport const own = { prestartEngine };\n`,
);
/** Bundles made here, removed with their manifests. */
const made = new Set<string>();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBundles(made);
});
const bundle = async (from = entry) => {
  const file = await bundledEntry(from);
  made.add(file);
  return file;
};

const load = async (file: string) =>
  ((await import(pathToFileURL(file).href)) as { own: Record<string, unknown> }).own;

describe('a command started from its bundle (scripts/cli/launch.mjs)', () => {
  it('runs as it would from source: each module where it was, packages from node_modules', async () => {
    const own = await load(await bundle());

    expect(own).toEqual({
      entry: pathToFileURL(entry).href,
      sibling: dir,
      parsed: { a: 1 },
      spelt: 'createRequire(import.meta.url)',
    });
  });

  it('reuses the bundle while no source changed, and makes it again when one does', async () => {
    const first = await bundle();
    expect(await bundle()).toBe(first);

    writeFileSync(sibling, "export const whereAmI: string = 'moved';\n");
    // A later modification time, as an editor's save gives it.
    utimesSync(sibling, new Date(), new Date(Date.now() + 2000));
    const second = await bundle();

    expect(second).not.toBe(first);
    expect((await load(second)).sibling).toBe('moved');
  });

  it('imports our plain JavaScript modules as they are: the launcher and the command share one instance', async () => {
    const file = await bundle(sharing);
    const text = readFileSync(file, 'utf8');

    expect(text).toContain(`from "${pathToFileURL(engineProcess).href}"`);
    // Not a copy of the module, whose engine started ahead the command could not see.
    expect(text).not.toContain('INHERITED');
    expect(typeof (await load(file)).prestartEngine).toBe('function');
  });
});
