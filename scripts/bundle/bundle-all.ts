import { asRecord, asString, entriesOf, nameOf } from '../tenant/checks/read';
import type { Problem, SourcePosition } from '../tenant/problem';
import { childPointer, type PositionMap } from '../tenant/source-map';
import { bundleAction } from './action';
import { bundleScript } from './custom-db-script';
import type { Lockfile } from './lockfile';

/** One bundle, with where it goes in dist/ and where tenant.yaml names it. */
export interface Bundled {
  /** Relative to the output folder, forward slashes: `actions/user-sync.js`. */
  path: string;
  kind: 'action' | 'custom-db-script';
  /** The action's name, or `<database>/<script key>`. */
  name: string;
  /** The source it was built from, as problems name files. */
  source: string;
  bytes: number;
  /** npm packages the code requires at run time (Actions only). */
  packages: string[];
  content: string;
  /** JSON pointer of the code path in tenant.yaml, rewritten to `./<path>`. */
  pointer: string;
  /** Readable path of that code path, for problems. */
  readablePath: string;
}

/** The sections whose code the build bundles and checks, and the kind of code each one's code fields hold. */
const BUNDLED_KINDS = {
  actions: 'action',
  databases: 'custom-db-script',
} as const satisfies Readonly<Record<string, Bundled['kind']>>;

/** The kind of code `section` holds when the build bundles it (adopt writes that code as its own files). */
export function bundledKind(section: string): Bundled['kind'] | undefined {
  return Object.entries(BUNDLED_KINDS).find(([key]) => key === section)?.[1];
}

export interface BundleContext {
  tenantFile: string;
  sources: PositionMap;
  at: (pointer: string) => SourcePosition;
  lockfile: Lockfile;
  displayPath: (absolutePath: string) => string;
  /** A code path from tenant.yaml (relative to it) as an absolute path. */
  resolveCode: (relative: string) => string;
}

/**
 * Every Action and custom-database script of the resolved tenant, bundled concurrently, in tenant.yaml's
 * order (so the output does not depend on which bundle finished first).
 */
export async function bundleAll(
  tenant: Record<string, unknown>,
  context: BundleContext,
): Promise<{ bundled: Bundled[]; problems: Problem[] }> {
  type Job = { bundle?: Omit<Bundled, 'path'> & { wanted: string }; problems: Problem[] };
  const jobs: Promise<Job>[] = [];
  /** Turns a bundler's answer into a job result, with what the file needs besides its code. */
  const finish =
    (meta: {
      kind: Bundled['kind'];
      name: string;
      entry: string;
      pointer: string;
      readablePath: string;
      wanted: string;
    }) =>
    ({
      code,
      packages = [],
      problems,
    }: {
      code: string | undefined;
      packages?: string[];
      problems: Problem[];
    }): Job =>
      code === undefined
        ? { problems }
        : {
            problems,
            bundle: {
              kind: meta.kind,
              name: meta.name,
              wanted: meta.wanted,
              pointer: meta.pointer,
              readablePath: meta.readablePath,
              source: context.displayPath(meta.entry),
              bytes: Buffer.byteLength(code),
              packages,
              content: code,
            },
          };

  const tenantModules = new Set(entriesOf(tenant, 'actionModules').map(nameOf));
  for (const entry of entriesOf(tenant, 'actions')) {
    const code = asString(entry.item.code);
    if (!code) continue;
    const name = nameOf(entry);
    const entryFile = context.resolveCode(code);
    const action = {
      name,
      entry: entryFile,
      pointer: entry.pointer,
      dependencies: entry.item.dependencies,
      triggers: entry.item.supported_triggers,
      modules: entry.item.modules,
      tenantModules,
    };
    jobs.push(
      bundleAction(action, context).then(
        finish({
          kind: BUNDLED_KINDS.actions,
          name,
          entry: entryFile,
          pointer: `${entry.pointer}/code`,
          readablePath: `actions[${name}].code`,
          wanted: `actions/${fileName(name)}.js`,
        }),
      ),
    );
  }

  for (const entry of entriesOf(tenant, 'databases')) {
    const scripts = asRecord(asRecord(entry.item.options)?.customScripts) ?? {};
    const database = nameOf(entry);
    for (const [key, value] of Object.entries(scripts)) {
      const code = asString(value);
      if (!code) continue;
      const entryFile = context.resolveCode(code);
      const pointer = childPointer(`${entry.pointer}/options/customScripts`, key);
      jobs.push(
        bundleScript({ database, key, entry: entryFile, at: context.at(pointer) }, context).then(
          finish({
            kind: BUNDLED_KINDS.databases,
            name: `${database}/${key}`,
            entry: entryFile,
            pointer,
            readablePath: `databases[${database}].options.customScripts.${key}`,
            wanted: `databases/${fileName(database)}/${fileName(key)}.js`,
          }),
        ),
      );
    }
  }

  const taken = new Set<string>();
  const bundled: Bundled[] = [];
  const problems: Problem[] = [];
  for (const job of await Promise.all(jobs)) {
    problems.push(...job.problems);
    if (!job.bundle) continue;
    const { wanted, ...bundle } = job.bundle;
    let path = wanted;
    for (let n = 2; taken.has(path); n++) path = wanted.replace(/\.js$/, `-${n}.js`);
    taken.add(path);
    bundled.push({ ...bundle, path });
  }
  return { bundled, problems };
}

/** Auth0 names may hold spaces or slashes; file names here hold neither. */
function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}
