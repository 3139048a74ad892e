import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledEntry } from '../../cli/launch.mjs';
import { codeCacheFile } from './code-cache';

let bundle: string;
beforeAll(async () => {
  bundle = await bundledEntry(path.join(import.meta.dirname, 'code-cache.ts'));
});

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A small CommonJS module; its first line throws when asked, to show where a stack trace points. */
function moduleFile(greeting = 'hello'): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
  folders.push(folder);
  const file = path.join(folder, 'greeter.cjs');
  writeFileSync(
    file,
    [
      `"use strict";exports.fail = () => { throw new Error('refused'); };`,
      `const { basename } = require('node:path');`,
      `exports.greet = (name) => '${greeting}, ' + name + ' from ' + basename(__filename);`,
    ].join('\n'),
  );
  return file;
}

interface Run {
  fromCache: boolean;
  greeting: string;
  /** Where the module's `fail` threw, as the stack trace says. */
  thrownAt: string;
}

/**
 * The module loaded in a new process, as each command loads the validators. In one process V8 keeps
 * what it compiled and would not read the cache at all, so only a new process shows what the cache does.
 */
function runInNewProcess(file: string): Run {
  const script = `
    const [bundle, file] = process.argv.slice(1);
    const { requireWithCodeCache } = await import(bundle);
    const { exports, fromCache } = requireWithCodeCache(file);
    let thrownAt = '';
    try { exports.fail(); } catch (error) { thrownAt = error.stack.split('\\n')[1].trim(); }
    console.log(JSON.stringify({ fromCache, greeting: exports.greet('Ada'), thrownAt }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, bundle, file], {
    encoding: 'utf8',
  });
  return JSON.parse(output) as Run;
}

const filesBeside = (file: string) => readdirSync(path.dirname(file)).sort();
const cacheOf = (file: string) => path.basename(codeCacheFile(file, readFileSync(file)));

describe('a CommonJS file through V8 code cache', () => {
  it('is compiled from its source once; the processes after take the code from the cache', () => {
    const file = moduleFile();

    const first = runInNewProcess(file);
    const second = runInNewProcess(file);

    expect(first).toMatchObject({ fromCache: false, greeting: 'hello, Ada from greeter.cjs' });
    expect(second).toMatchObject({ fromCache: true, greeting: 'hello, Ada from greeter.cjs' });
    expect(filesBeside(file)).toEqual(['greeter.cjs', cacheOf(file)].sort());
  });

  it('never runs the code of another source of the same length (V8 itself tells sources apart by length)', () => {
    const file = moduleFile('hello');
    runInNewProcess(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace("'hello, '", "'howdy, '"));

    const changed = runInNewProcess(file);

    expect(changed).toMatchObject({ fromCache: false, greeting: 'howdy, Ada from greeter.cjs' });
    // The earlier cache stays a while (the next test says how long): a process may be about to read it.
    expect(filesBeside(file)).toHaveLength(3);
  });

  it('removes the cache of an earlier source once nobody can be about to read it (ten minutes on)', () => {
    const file = moduleFile('hello');
    runInNewProcess(file);
    const earlier = path.join(path.dirname(file), cacheOf(file));
    const anHourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(earlier, anHourAgo, anHourAgo);
    writeFileSync(file, readFileSync(file, 'utf8').replace("'hello, '", "'howdy, '"));

    runInNewProcess(file);

    expect(filesBeside(file)).toEqual(['greeter.cjs', cacheOf(file)].sort());
  });

  it('compiles from the source when the cache is damaged, and replaces it', () => {
    const file = moduleFile();
    runInNewProcess(file);
    writeFileSync(path.join(path.dirname(file), cacheOf(file)), 'not a code cache');

    const fromDamaged = runInNewProcess(file);
    const next = runInNewProcess(file);

    expect(fromDamaged).toMatchObject({ fromCache: false, greeting: 'hello, Ada from greeter.cjs' });
    expect(next.fromCache).toBe(true);
  });

  it("points a stack trace at the file's own line and column, cached or not", () => {
    const file = moduleFile();

    const runs = [runInNewProcess(file), runInNewProcess(file)];

    expect(runs.map((run) => run.thrownAt)).toEqual([
      `at Object.fail (${file}:1:43)`,
      `at Object.fail (${file}:1:43)`,
    ]);
  });
});
