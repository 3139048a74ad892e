import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { removeBundles, repoRoot } from './helpers';

const run = promisify(execFile);
const launcher = pathToFileURL(path.join(repoRoot, 'scripts', 'cli', 'launch.mjs')).href;
const dir = path.join(repoRoot, 'dist', '.test-launch', randomUUID());
const entry = path.join(dir, 'command.ts');
const sibling = path.join(dir, 'where.ts');
mkdirSync(dir, { recursive: true });
writeFileSync(entry, "import { whereAmI } from './where';\nexport const own = { sibling: whereAmI };\n");
writeFileSync(sibling, "export const whereAmI: string = 'first';\n");
const made = new Set<string>();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBundles(made);
});

/** The bundle of `entry` and what it exports, as a process started in `cwd` gets them. */
async function bundleFrom(cwd: string): Promise<{ file: string; sibling: string }> {
  const script = [
    `const { bundledEntry } = await import(${JSON.stringify(launcher)});`,
    `const file = await bundledEntry(${JSON.stringify(entry)});`,
    "const { own } = await import(new URL('file://' + file).href);",
    'console.log(JSON.stringify({ file, sibling: own.sibling }));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd });
  const result = JSON.parse(stdout) as { file: string; sibling: string };
  made.add(result.file);
  return result;
}

describe('a command started outside the repository (scripts/cli/launch.mjs)', () => {
  it('makes its bundle again when a source changes, as one started in the repository does', async () => {
    const elsewhere = os.tmpdir();
    const first = await bundleFrom(elsewhere);
    expect(first.sibling).toBe('first');

    writeFileSync(sibling, "export const whereAmI: string = 'changed';\n");
    utimesSync(sibling, new Date(), new Date(Date.now() + 2000));
    const second = await bundleFrom(elsewhere);

    expect(second.sibling).toBe('changed');
    expect(second.file).not.toBe(first.file);
  }, 60_000);
});
