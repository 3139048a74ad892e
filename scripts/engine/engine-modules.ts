/**
 * The parts of auth0-deploy-cli 8.44.0 the engine process uses, typed by what we rely on. They are its
 * internal modules (lib/...): the package is pinned, and the tests drive them against the local tenant.
 */
import { createRequire } from 'node:module';
import { applyDeployCliFixes } from './deploy-cli-fixes';
import { requireDeployCli } from './deploy-cli-load';

const require = createRequire(import.meta.url);
// lib/index.js first: requiring a handler module on its own trips over a require cycle in the package.
const engine = requireDeployCli(require) as {
  dump: (options: {
    output_folder: string;
    format: 'yaml';
    config: Record<string, unknown>;
  }) => Promise<void>;
};
const engineRequire = createRequire(require.resolve('auth0-deploy-cli/package.json'));
applyDeployCliFixes(require);

export type ConfigFn = (key: string) => unknown;
export type Assets = Record<string, unknown>;

export interface Handler {
  type: string;
  config: ConfigFn;
  created: number;
  updated: number;
  deleted: number;
  /** The SDK client the handler calls. */
  client: unknown;
  /** The fields deploy-cli matches an item of the file to one of the tenant's by, in turn. */
  identifiers: string[];
  /** The client calls the base handler makes: a method name of `client[type]`, or a function. */
  functions: Record<string, string | ((...args: unknown[]) => Promise<unknown>)>;
  getType(): Promise<unknown>;
}

export interface Auth0Instance {
  client: unknown;
  handlers: Handler[];
  runStage(stage: 'validate' | 'processChanges'): Promise<void>;
}

type Changes = { del: unknown[]; create: unknown[]; update: unknown[]; conflicts: unknown[] };

export const { Auth0 } = require('auth0-deploy-cli/lib/tools') as {
  Auth0: new (client: unknown, assets: Assets, config: ConfigFn) => Auth0Instance;
};
export const { setupContext } = require('auth0-deploy-cli/lib/context') as {
  setupContext: (
    config: Record<string, unknown>,
    command: 'import' | 'export',
  ) => Promise<{ mgmtClient: unknown }>;
};
/** The base handler's processChanges, which applies exactly the changes it is given. */
export const applyChanges = (
  require('auth0-deploy-cli/lib/tools/auth0/handlers/default') as {
    default: {
      prototype: { processChanges(this: Handler, assets: Assets, changes: Changes): Promise<void> };
    };
  }
).default.prototype.processChanges;
export const schema = (
  require('auth0-deploy-cli/lib/tools/auth0/schema') as { default: { properties: Assets } }
).default;
export const yamlHandlers = (
  require('auth0-deploy-cli/lib/context/yaml/handlers') as {
    default: Record<string, { parse: (context: unknown) => Promise<Assets> }>;
  }
).default;
export const YAMLContext = (
  require('auth0-deploy-cli/lib/context/yaml') as { default: { prototype: object } }
).default;
export const logger = (require('auth0-deploy-cli/lib/logger') as { default: WinstonLogger }).default;
export const winston = engineRequire('winston') as {
  format: { printf: (render: (info: { level: string; message: unknown }) => string) => unknown };
  transports: { Stream: new (options: { stream: NodeJS.WritableStream }) => unknown };
};
export const Ajv = engineRequire('ajv/lib/ajv') as new (
  options: Record<string, unknown>,
) => {
  validate(schema: unknown, data: unknown): boolean;
  errors?: unknown;
};
export const jsYaml = engineRequire('js-yaml') as { load: (text: string) => unknown };
/** The HTTP client under the SDK's fetch once deploy-cli has loaded it: the engine sets the local tenant's CA on it. */
export const undici = engineRequire('undici') as {
  Agent: new (options: { connect: { ca: string } }) => unknown;
  setGlobalDispatcher(dispatcher: unknown): void;
};
export const { dump } = engine;

interface WinstonLogger {
  configure(options: { level: string; format: unknown; transports: unknown[] }): void;
}
