/**
 * A CommonJS file run through V8's code cache. The tenant validators are 1.6 MB of generated code: a
 * plain `require` parses all of it (about 17 ms) and then compiles each validator the first time it runs,
 * in every process, although the file only changes when the schemas do. V8 can instead keep the bytecode
 * (`vm.Script#createCachedData`) and take it back in a few milliseconds, which took about a quarter off a
 * fresh check of 10,000 clients (`npm run bench -- scale`).
 *
 * The cache is made once, with every function compiled (V8's `--no-lazy`, for that one compile, as
 * bytenode does): a cache of only what one process ran would hold the validators of whatever small tenant
 * happened to be checked first. V8 tells a cache from another source only by the source's length, so the
 * cache's name carries a hash of the source itself, and V8's version: a cache never meets a source or an
 * engine it was not made from. V8 checks the rest (its flags, the data's own sanity) and refuses a cache
 * that does not fit, and then the source is compiled as if there were none.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

export interface CachedModule<T> {
  exports: T;
  /** Whether V8 took the code from the cache, not from the source. */
  fromCache: boolean;
}

/** The module's CommonJS scope, as Node's own loader wraps a file. */
type CommonJsScope = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/** Node's own CommonJS wrapper. On the first line, and taken off its columns, so a stack trace shows the file's own positions. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
const origin = (file: string): vm.ScriptOptions => ({ filename: file, columnOffset: -WRAPPER.length });

export function codeCacheFile(file: string, source: Buffer): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return `${file}.${hash}.v8-${process.versions.v8}-${process.arch}.cache`;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Whoever started Node chose V8's laziness themselves: leave it as they set it. */
const laziness = /--(no-)?lazy\b/;
const lazinessChosen = () =>
  process.execArgv.some((flag) => laziness.test(flag)) || laziness.test(process.env.NODE_OPTIONS ?? '');

/** Compiles every function now, not at its first call, so the cache made from it holds them all. */
function compileEagerly(source: string, from: vm.ScriptOptions): vm.Script {
  if (lazinessChosen()) return new vm.Script(source, from);
  setFlagsFromString('--no-lazy');
  try {
    return new vm.Script(source, from);
  } finally {
    setFlagsFromString('--lazy');
  }
}

function canWrite(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function writeCache(file: string, cacheFile: string, script: vm.Script): void {
  try {
    // Written beside, then renamed: a process starting at the same time never reads half a cache.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // A read-only node_modules: the next process compiles the source again, as a plain require does.
    return;
  }
  // The caches of the file's earlier sources: none of them can be taken again, unless the source is.
  pruneOlder(
    path.dirname(cacheFile),
    path.basename(cacheFile),
    (name) => name.startsWith(`${path.basename(file)}.`) && name.endsWith('.cache'),
  );
}

/**
 * Removes the earlier versions (`isVersion`) of a cached file beside `current` (and `current`'s own
 * companions, `current.*`, stay). Only those untouched for ten minutes: a process started a moment ago
 * may not have read its version yet.
 */
export function pruneOlder(folder: string, current: string, isVersion: (name: string) => boolean): void {
  const before = Date.now() - 10 * 60_000;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === current || name.startsWith(`${current}.`) || !isVersion(name)) continue;
    try {
      if (statSync(path.join(folder, name)).mtimeMs < before) rmSync(path.join(folder, name));
    } catch {
      // Removed by another process at the same time.
    }
  }
}

export function requireWithCodeCache<T>(file: string): CachedModule<T> {
  const bytes = readFileSync(file);
  const cacheFile = codeCacheFile(file, bytes);
  const cachedData = readIfThere(cacheFile);
  const source = `${WRAPPER}${bytes.toString('utf8')}\n})`;
  let script = cachedData && new vm.Script(source, { ...origin(file), cachedData });
  const fromCache = script !== undefined && script.cachedDataRejected === false;
  if (!script || !fromCache) {
    if (canWrite(path.dirname(cacheFile))) {
      script = compileEagerly(source, origin(file));
      writeCache(file, cacheFile, script);
    } else {
      // Compiling everything costs three times a lazy compile: worth it only for a cache that is kept.
      script = new vm.Script(source, origin(file));
    }
  }
  const module = { exports: {} as T };
  const scope = script.runInThisContext() as CommonJsScope;
  scope(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, fromCache };
}
