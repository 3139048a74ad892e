import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { type BuildOptions, type BuildResult, buildTenant } from '../../scripts/bundle/build-tenant';
import { loadTenant } from '../../scripts/tenant/load';
import { repoRoot } from '../tenant/fixture';

export { repoRoot };
export const fixtureDir = path.join(repoRoot, 'test/fixtures/bundle');
export const fixtureTenantDir = path.join(fixtureDir, 'tenant');
export const repoLockfile = path.join(repoRoot, 'package-lock.json');

export interface Build {
  result: BuildResult;
  outDir: string;
  read(file: string): string;
  remove(): void;
}

/** Builds into a fresh temporary folder, or into `outDir`; `remove()` deletes what it built into. */
export async function buildToTemp(
  options: Omit<BuildOptions, 'outDir'> & { dir: string; env: string; outDir?: string },
): Promise<Build> {
  const { dir, env, ...rest } = options;
  const root = options.outDir ? undefined : mkdtempSync(path.join(os.tmpdir(), 'build-test-'));
  const outDir = options.outDir ?? path.join(root ?? '', env);
  const result = await buildTenant(await loadTenant({ dir, env }), { ...rest, outDir });
  return {
    result,
    outDir,
    read: (file) => readFileSync(path.join(outDir, file), 'utf8'),
    remove: () => rmSync(root ?? outDir, { recursive: true, force: true }),
  };
}

/** A copy of test/fixtures/build in a temporary folder, for a test to break on purpose. */
export function copyBuildFixture() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'build-fixture-'));
  cpSync(fixtureDir, root, { recursive: true });
  const full = (file: string) => path.join(root, file);
  return {
    root,
    tenantDir: full('tenant'),
    write: (file: string, text: string) => writeFileSync(full(file), text),
    /** Replaces `find`, which must occur exactly once (a stale case fails loudly instead of testing nothing). */
    replace(file: string, find: string, replacement: string) {
      const text = readFileSync(full(file), 'utf8');
      if (text.split(find).length !== 2) throw new Error(`fixture: "${find}" must occur once in ${file}`);
      writeFileSync(
        full(file),
        text.replace(find, () => replacement),
      );
    },
    build: (env = 'dev', options: Partial<BuildOptions> = {}) =>
      buildToTemp({ dir: full('tenant'), env, lockfile: repoLockfile, ...options }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

type Route = (body: unknown) => { status: number; json?: unknown };

/** A stand-in HTTP API on 127.0.0.1: answers from `routes` ("POST /login"), records every request. */
export async function startStubApi(routes: Record<string, Route>) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const body = await readJson(request);
    const route = routes[`${request.method} ${request.url}`];
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body,
    });
    const answer = route ? route(body) : { status: 404, json: { error: 'no such route' } };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.json === undefined ? '' : JSON.stringify(answer.json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

interface DistAction {
  name: string;
  code: string;
  dependencies: { name: string }[];
  secrets: { name: string; value: string }[];
}

/** A built Action as dist/<env>/tenant.yaml declares it: its code file, dependencies and secret values. */
export function distAction(build: Build, name: string) {
  const tenant = parse(build.read('tenant.yaml')) as { actions: DistAction[] };
  const action = tenant.actions.find((candidate) => candidate.name === name);
  if (!action) throw new Error(`no action ${name} in ${build.outDir}/tenant.yaml`);
  return {
    file: path.join(build.outDir, action.code),
    code: build.read(action.code),
    dependencies: action.dependencies.map((dependency) => dependency.name),
    /** Secret values as built: keywords resolved, secrets still `##NAME##`. */
    secrets: Object.fromEntries(action.secrets.map((secret) => [secret.name, secret.value])),
  };
}

/** A built custom-database script as dist/<env>/tenant.yaml references it, and the connection's configuration. */
export function distScript(build: Build, database: string, key: string) {
  const tenant = parse(build.read('tenant.yaml')) as {
    databases: { name: string; options: { customScripts: Record<string, string> } }[];
  };
  const file = tenant.databases.find((candidate) => candidate.name === database)?.options.customScripts[key];
  if (!file) throw new Error(`no script ${database}/${key} in ${build.outDir}/tenant.yaml`);
  return { source: build.read(file), filename: path.join(build.outDir, file) };
}

/** Removes bundles the launcher made (`<name>-<content hash>.mjs`) and their manifests (`<name>.json`). */
export function removeBundles(bundles: Iterable<string>): void {
  for (const bundle of bundles) {
    rmSync(bundle, { force: true });
    rmSync(bundle.replace(/-[0-9a-f]+\.mjs$/, '.json'), { force: true });
  }
}
