/**
 * The engine process: auth0-deploy-cli's handlers, one process per command because its settings and
 * logger are process-global. Started by engine-session.ts; takes requests over IPC (protocol.ts), so
 * credentials and secret values never touch argv, the environment or a file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { TenantState } from '../plan/types';
import type { Credentials } from './choose';
import { readForPlan } from './deploy-cli-organizations-read';
import { type EngineWrites, writeThroughDeployCli } from './engine-apply';
import {
  type Assets,
  Auth0,
  type ConfigFn,
  dump,
  jsYaml,
  logger,
  setupContext,
  undici,
  winston,
  YAMLContext,
  yamlHandlers,
} from './engine-modules';
import { Pacer } from './pacer';
import type { EngineCounts, Message, Reply, Request, TrafficCounts } from './protocol';
import { type FetchGuard, guardFetch } from './resilient-fetch';
import { describeTlsFailure } from './tls-error';

const send = (message: Message) => process.send?.(message);
const progress = (line: string) => send({ op: 'progress', line });
/** The paced, counted HTTP layer, from the connect request on (it brings the share of the budget). */
let guard: FetchGuard | undefined;
const NO_TRAFFIC: TrafficCounts = { reads: 0, writes: 0, faults: 0, byGroup: {}, waitedMs: 0 };
const traffic = () => guard?.traffic() ?? NO_TRAFFIC;
let session: { client: unknown; credentials: Credentials } | undefined;
/** The certificate authority trusted alone (the local tenant's), from the connect request. */
let caFile: string | undefined;
/** The types whose `body` is a JSON file to spread into the item (forms, flows): from the connect request. */
let bodyFileTypes: readonly string[] = [];
/** The tenant's domain, known from the connect request on: errors name it. */
let domain: string | undefined;

routeEngineLog(progress);

let queue = Promise.resolve();
process.on('message', (request: Request) => {
  queue = queue.then(async () => {
    guard?.reset();
    try {
      send(await serve(request));
    } catch (error) {
      send({ op: 'failed', message: describe(error), traffic: traffic() });
    }
    if (request.op === 'close') process.disconnect();
  });
});
process.on('disconnect', () => process.exit(0));

async function serve(request: Request): Promise<Reply> {
  switch (request.op) {
    case 'load':
      return {
        op: 'loaded',
        state: await parseSections(request.build.tenant, fileReader(request.build.files)),
      };
    case 'connect': {
      domain = request.credentials.domain;
      bodyFileTypes = request.bodyFileTypes;
      caFile = request.caFile;
      // Only the local tenant's authority: nothing else is reached, and a proxy has no part in it.
      if (caFile)
        undici.setGlobalDispatcher(new undici.Agent({ connect: { ca: readFileSync(caFile, 'utf8') } }));
      guard ??= guardFetch(progress, undefined, new Pacer({ share: request.rateShare }));
      const context = await setupContext({ ...credentialConfig(request.credentials), ...BASE }, 'import');
      session = { client: context.mgmtClient, credentials: request.credentials };
      return { op: 'connected' };
    }
    case 'read':
      return { op: 'state', state: await read(request.types), traffic: traffic() };
    case 'apply': {
      const counts: Record<string, EngineCounts> = {};
      try {
        const state = await writeThroughDeployCli(
          writesEngine(),
          request.assets,
          request.deletes,
          counts,
          request.readAfter,
        );
        return { op: 'applied', counts, traffic: traffic(), ...(state ? { state } : {}) };
      } catch (error) {
        // deploy-cli stops at the first failed call, but calls it started in parallel go on: let them
        // finish, so that the caller's next read sees everything this apply did.
        await guard?.settled();
        return { op: 'failed', message: describe(error), traffic: traffic(), counts };
      }
    }
    case 'dump': {
      const { credentials } = connected();
      const config = {
        ...credentialConfig(credentials),
        AUTH0_INCLUDED_ONLY: request.types,
        AUTH0_EXPORT_IDENTIFIERS: true,
      };
      await dump({ output_folder: request.folder, format: 'yaml', config });
      return {
        op: 'dumped',
        state: await loadYaml(path.join(request.folder, 'tenant.yaml')),
        traffic: traffic(),
      };
    }
    case 'close':
      return { op: 'closed' };
  }
}

/** No keyword mappings: our build already resolved the keywords; secrets are filled in by the caller. */
const BASE = { AUTH0_INPUT_FILE: {}, AUTH0_BASE_PATH: process.cwd(), AUTH0_KEYWORD_REPLACE_MAPPINGS: {} };

function credentialConfig(credentials: Credentials) {
  return {
    AUTH0_DOMAIN: credentials.domain,
    AUTH0_CLIENT_ID: credentials.clientId,
    AUTH0_CLIENT_SECRET: credentials.clientSecret,
  };
}

function connected() {
  if (!session) throw new Error('the engine is not connected (send connect first)');
  return session;
}

/** What the handlers ask: never deletes, only the types given, the deploy client named so it is skipped. */
function handlerConfig(types: string[], allowDelete = false): ConfigFn {
  const { credentials } = connected();
  const values: Record<string, unknown> = {
    AUTH0_DOMAIN: credentials.domain,
    AUTH0_CLIENT_ID: credentials.clientId,
    AUTH0_INCLUDED_ONLY: types,
    AUTH0_ALLOW_DELETE: allowDelete,
  };
  return (key) => values[key];
}

/** A dump deploy-cli wrote: the file as YAML, its code files read from beside it, as deploy-cli reads them. */
async function loadYaml(file: string): Promise<TenantState> {
  const assets = (jsYaml.load(readFileSync(file, 'utf8')) ?? {}) as Assets;
  const basePath = path.dirname(path.resolve(file));
  return parseSections(assets, (relative) => readFileSync(path.resolve(basePath, relative), 'utf8'));
}

/** Files by their path relative to the built tenant.yaml (`./actions/x.js` or `actions/x.js`). */
function fileReader(files: Record<string, string>): (relative: string) => string {
  return (relative) => {
    const content = files[path.posix.normalize(relative.replace(/\\/g, '/'))];
    if (content === undefined) throw new Error(`the build has no file ${relative}`);
    return content;
  };
}

/** deploy-cli's YAML loading after the text: each section's own parsing (code files read in). */
async function parseSections(assets: Assets, readFile: (relative: string) => string): Promise<TenantState> {
  const context = Object.assign(Object.create(YAMLContext.prototype), {
    assets: structuredClone(assets),
    basePath: process.cwd(),
    mappings: {},
    disableKeywordReplacement: false,
    config: {},
    // Our build resolved every keyword, so a code file is its content as it is.
    loadFile: readFile,
  });
  const state: TenantState = {};
  for (const [type, handler] of Object.entries(yamlHandlers)) {
    if (context.assets[type] === undefined || context.assets[type] === null) continue;
    if (type === 'branding') {
      state.branding = brandingWithTemplates(context.assets.branding, readFile);
      continue;
    }
    if (spreadsBodyFile(type)) {
      state[type] = withBodies(context.assets[type], readFile);
      continue;
    }
    const parsed = await handler.parse(context);
    if (parsed[type] !== undefined && parsed[type] !== null) state[type] = parsed[type];
  }
  return state;
}

/**
 * deploy-cli's branding YAML handler reads its page templates from disk itself (not through `loadFile`),
 * relative to the process's folder: its parse is this, with each template's body read the way every
 * other file is.
 */
function brandingWithTemplates(branding: unknown, readFile: (relative: string) => string): unknown {
  if (branding === null || typeof branding !== 'object') return branding;
  const { templates, ...settings } = branding as { templates?: { template: string; body: string }[] };
  if (!Array.isArray(templates)) return settings;
  return {
    ...settings,
    templates: templates.map(({ template, body }) => ({ template, body: readFile(body) })),
  };
}

/** A type whose `body` names a JSON file deploy-cli spreads into the item (forms, flows). */
function spreadsBodyFile(type: string): boolean {
  return bodyFileTypes.includes(type);
}

/**
 * deploy-cli's forms and flows YAML handlers also read from disk themselves (loadJSON, relative to the
 * process's folder): their parse is this, each body JSON.parsed from the build's file and spread into the
 * form or flow (the check has refused a body that does not parse).
 */
function withBodies(items: unknown, readFile: (relative: string) => string): unknown {
  if (!Array.isArray(items)) return items;
  return items.map(({ name, body }: { name: string; body: string }) => {
    const { body: _nested, ...parsed } = JSON.parse(readFile(body)) as Record<string, unknown>;
    return { name, ...parsed };
  });
}

/**
 * How many of deploy-cli's pooled calls a read runs at once. Its client has one pool of 3 for every
 * handler (lib/tools/auth0/client.js, API_CONCURRENCY), so the reads each handler fans out (a prompt's
 * custom text per language, every email template, every trigger's bindings: about 80 of our tenant's 146
 * reads) queue behind one another, ~27 round trips in a row. A read writes nothing, and the pacer keeps
 * every call to the budget whatever the concurrency; an apply (its own Auth0 instance, its own pool)
 * keeps deploy-cli's 3.
 */
const READ_CONCURRENCY = 12;

interface Pooled {
  pool?: { concurrencyLimit: number };
}

/** What the engine's writes take from the session. */
function writesEngine(): EngineWrites {
  const { client, credentials } = connected();
  return { client, deployClientId: credentials.clientId, handlerConfig, read, progress };
}

async function read(types: string[]): Promise<TenantState> {
  const auth0 = new Auth0(connected().client, {}, handlerConfig(types));
  // Each Auth0 instance wraps the client with a pool of its own: this one only reads.
  const pool = (auth0.client as Pooled).pool;
  if (pool) pool.concurrencyLimit = READ_CONCURRENCY;
  // The state read is what a plan compares: what the repository does not manage is left unread.
  readForPlan(auth0.handlers);
  const entries = await Promise.all(
    auth0.handlers.map(async (handler) => [handler.type, await handler.getType()] as const),
  );
  return Object.fromEntries(entries);
}

const WRITE_LINE = /^(Created|Updated|Deleted|Deployed) \[(\w+)\]: (.*)$/s;
/**
 * Warnings that describe nothing real here: deploy-cli thinks what it is not given should be deleted (we
 * give it only what changes), and it comments on what it reads (flags it would not write, a scope only
 * google-apps connections need).
 */
const NOISE =
  /should be (deleted|emptied)\. Doing so may be destructive|flags have not been updated because deemed incompatible|Unable to fetch directory provisioning/;

/** deploy-cli's log, trimmed to what a person follows (each write, warnings, errors), as progress lines. */
function routeEngineLog(report: (line: string) => void): void {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const text = String(chunk).trimEnd();
      const [level = '', ...rest] = text.split('\t');
      const message = rest.join('\t');
      const write = WRITE_LINE.exec(message);
      if (write) report(`${(write[1] ?? '').toLowerCase()} ${write[2]}${nameIn(write[3] ?? '')}`);
      else if (/Waiting for build/.test(message)) report(message.replace(/^\[actions\]: /, 'actions: '));
      else if (/warn|error/.test(level) && !NOISE.test(message)) report(`${level}: ${message}`);
      done();
    },
  });
  logger.configure({
    level: 'info',
    format: winston.format.printf(({ level, message }) => `${level}\t${String(message)}`),
    transports: [new winston.transports.Stream({ stream })],
  });
}

function nameIn(json: string): string {
  try {
    const item = JSON.parse(json) as Record<string, unknown>;
    const name = item.name ?? item.trigger_id ?? item.identifier ?? item.id;
    return name === undefined ? '' : ` ${JSON.stringify(name)}`;
  } catch {
    return '';
  }
}

/** An error as one line for the person running the command: a TLS failure as what it is and its fix. */
function describe(error: unknown): string {
  const tls = domain
    ? describeTlsFailure(error, {
        domain,
        extraCa: process.env.NODE_EXTRA_CA_CERTS,
        localCa: caFile,
        cwd: process.cwd(),
      })
    : undefined;
  if (tls) return tls;
  if (!(error instanceof Error)) return String(error);
  const where = error as Error & { type?: string; stage?: string };
  return `${where.type ? `${where.type}${where.stage ? ` (${where.stage})` : ''}: ` : ''}${error.message}`;
}
