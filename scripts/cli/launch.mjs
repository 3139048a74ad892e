/**
 * Starts a command (`node scripts/cli/launch.mjs deploy --env prod`) from one bundled ES module instead
 * of through tsx. tsx resolves and transforms each of the ~200 TypeScript modules a command imports
 * through its loader hooks on every start: about 0.5 s before the command does anything, in the command
 * and again in its engine process. The bundle is made once by esbuild (about 0.15 s) and kept in
 * node_modules/.cache/commands/ until one of the files it was made from changes; packages stay imports
 * of node_modules, as they were.
 *
 * Plain JavaScript because it runs before anything could compile TypeScript; `launch.d.mts` types it for
 * the TypeScript that imports it (the engine session bundles its child process the same way).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { removeEarlierVersions, writeAtomically } from './cache-files.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'commands');
/** Files that decide how imports resolve, recorded with every bundle's sources. */
const RESOLUTION_INPUTS = ['package.json', 'tsconfig.json', 'node_modules/.package-lock.json'];
/** How bundles are made is this file: an edit to it makes every bundle anew. */
const RECIPE = digest(readFileSync(fileURLToPath(import.meta.url), 'utf8'));

/**
 * The path of an up-to-date bundle of `entry` (a TypeScript file): the cached one when every file it was
 * made from is unchanged (size and modification time), otherwise a new one.
 * @param {string} entry
 * @returns {Promise<string>}
 */
export async function bundledEntry(entry) {
  const name = `${path.basename(entry, path.extname(entry))}-${digest(`${RECIPE}:${path.resolve(entry)}`)}`;
  const manifestFile = path.join(CACHE, `${name}.json`);
  const cached = readManifest(manifestFile);
  if (cached && isCurrent(cached)) return path.join(CACHE, cached.output);
  return bundle(path.resolve(entry), name, manifestFile);
}

/** @typedef {{ output: string, inputs: Record<string, [number, number]> }} Manifest */

/** @param {string} file @returns {Manifest | undefined} */
function readManifest(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** @param {Manifest} manifest */
function isCurrent(manifest) {
  try {
    statSync(path.join(CACHE, manifest.output));
    return Object.entries(manifest.inputs).every(([file, [size, mtime]]) => {
      const now = statSync(path.join(ROOT, file));
      return now.size === size && now.mtimeMs === mtime;
    });
  } catch {
    return false;
  }
}

/**
 * Each module keeps its own `import.meta.url` and `import.meta.dirname`: the code finds files beside
 * it (the engine's child, the Actions worker, the repository's root) as it does when run from source.
 * A package stays an import of node_modules, of the file tsx would have loaded: Node's own ES module
 * resolution takes neither `ajv/dist/standalone` (a folder) nor a file named without its extension.
 * @type {import('esbuild').Plugin}
 */
const AS_FROM_SOURCE = {
  name: 'as-from-source',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.pluginData === AS_FROM_SOURCE) return undefined;
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: AS_FROM_SOURCE,
      });
      if (found.errors.length > 0 || !found.path.includes(`${path.sep}node_modules${path.sep}`))
        return undefined;
      // A file URL: Node's ES module loader takes no Windows path (C:\...) as a specifier.
      return { path: pathToFileURL(found.path).href, external: true };
    });
    // Our plain JavaScript modules (this file, engine-process.mjs) are imported as they are, not bundled:
    // the launcher has already loaded them, and one instance holds their state (the engine started ahead).
    build.onResolve({ filter: /^\.\.?\/.*\.mjs$/ }, (args) => ({
      path: pathToFileURL(path.resolve(args.resolveDir, args.path)).href,
      external: true,
    }));
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      // `define` works on the syntax: a string that spells import.meta.url (adopt writes one into the
      // tests it generates) is left as it is.
      const compiled = await build.esbuild.transform(readFileSync(args.path, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'node20',
        sourcefile: args.path,
        define: {
          'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
          'import.meta.dirname': JSON.stringify(path.dirname(args.path)),
          'import.meta.filename': JSON.stringify(args.path),
        },
      });
      return { contents: compiled.code, loader: 'js' };
    });
  },
};

/** @param {string} entry @param {string} name @param {string} manifestFile */
async function bundle(entry, name, manifestFile) {
  const { build } = await import('esbuild');
  const started = Date.now();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    // The metafile names its inputs relative to this: the repository, wherever the command was started.
    absWorkingDir: ROOT,
    logLevel: 'silent',
    plugins: [AS_FROM_SOURCE],
  });
  const text = result.outputFiles[0]?.text ?? '';
  const output = `${name}-${digest(text)}.mjs`;
  /** @type {Manifest['inputs']} */
  const inputs = {};
  // Beside the sources: what decides which package file an import is (an `npm install` that moves one,
  // a tsconfig `paths` mapping).
  const files = [...Object.keys(result.metafile.inputs), ...RESOLUTION_INPUTS].map((file) =>
    path.resolve(ROOT, file),
  );
  let withoutManifest = false;
  for (const file of files) {
    const stat = statSync(file, { throwIfNoEntry: false });
    const relative = path.relative(ROOT, file);
    if (!stat && !RESOLUTION_INPUTS.includes(relative)) withoutManifest = true;
    if (!stat) continue;
    inputs[relative] = [stat.size, stat.mtimeMs];
    if (stat.mtimeMs >= started) withoutManifest = true;
  }
  mkdirSync(CACHE, { recursive: true });
  // Written aside, then renamed: commands started at once never read half a file.
  writeAtomically(path.join(CACHE, output), text);
  // A source saved while esbuild read it may be bundled as it was before, and one not found cannot be
  // watched: no manifest, so the next command bundles again.
  if (!withoutManifest) writeAtomically(manifestFile, JSON.stringify({ output, inputs }));
  // Earlier bundles of the same entry, made before a source changed.
  removeEarlierVersions(CACHE, output, (file) => file.startsWith(`${name}-`) && file.endsWith('.mjs'));
  return path.join(CACHE, output);
}

/**
 * The arguments after `node` that start a command as `npm run <command>` does (tests, other commands).
 * @param {string} command
 * @param {readonly string[]} args
 * @returns {string[]}
 */
export function commandArgv(command, args) {
  return [fileURLToPath(import.meta.url), command, ...args];
}

/** @param {string} text */
function digest(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** @param {string} command */
function commandEntry(command) {
  return path.join(ROOT, 'scripts', 'cli', `${command}.ts`);
}

/** The commands that start an engine process (scripts/engine/engine-process.mjs). */
const ENGINE_COMMANDS = new Set(['plan', 'deploy', 'export', 'adopt']);

// `node scripts/cli/launch.mjs <command> [args]`: the command's own argv, as if it had been run directly.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  const named = command !== undefined && /^[a-z-]+$/.test(command);
  if (!named || !statSync(commandEntry(command), { throwIfNoEntry: false })) {
    const known = named ? `: scripts/cli/ has no ${command}.ts` : '';
    process.stderr.write(`usage: node scripts/cli/launch.mjs <command> [options]${known}\n`);
    process.exit(70);
  }
  // Not awaited here: a command's bundle imports this module, which must have finished loading by then.
  start(command, args).catch((/** @type {unknown} */ error) => {
    process.stderr.write(
      `internal error: the command could not start: ${error instanceof Error ? error.stack : error}\n`,
    );
    process.exit(70);
  });
}

/** @param {string} command @param {string[]} args */
async function start(command, args) {
  const entry = commandEntry(command);
  process.argv = [process.argv[0] ?? 'node', entry, ...args];
  // The engine first: it loads deploy-cli while the command loads and checks the tenant.
  if (ENGINE_COMMANDS.has(command) && !args.some((arg) => arg === '--help' || arg === '-h')) {
    (await import('../engine/engine-process.mjs')).prestartEngine();
  }
  await import(pathToFileURL(await bundledEntry(entry)).href);
}
