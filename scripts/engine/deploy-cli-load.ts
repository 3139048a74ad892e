/**
 * Loads auth0-deploy-cli (8.44.0, pinned) in the engine process, its prompts handler made to build the
 * same schema in linear time. That module builds its prompts schema when it loads, by spreading an ever
 * larger object into a new one for each language, prompt and screen (`{ ...acc, [key]: value }` in
 * `reduce`): quadratic, about 0.2 s of every engine start, for a schema the engine never validates with
 * (checkSchema in engine-child.ts leaves prompts out). The same reduce, adding each key to the
 * accumulator it was handed (a fresh `{}` each time), builds the same object.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';

type Loader = (module: Module & { _compile(source: string, file: string): void }, file: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

/** The accumulator spread (`({ ...acc, [key]: `), as the equivalent assignment into it. */
const SPREAD_INTO_NEW = /\(\{\s*\.\.\.(\w+),\s*\[(\w+)\]: /g;
/** The schema's reduces in 8.44.0 (languages, prompts, screens; partials' prompts, screens, insertion points; renderers' prompts, screens). */
const SCHEMA_REDUCES = 8;

/** The handler's source with its schema reduces made linear; as it was if it is not the source we know. */
export function linearPromptsSchema(source: string): string {
  if ((source.match(SPREAD_INTO_NEW) ?? []).length !== SCHEMA_REDUCES) return source;
  return source.replace(SPREAD_INTO_NEW, 'Object.assign($1, { [$2]: ');
}

/** `require('auth0-deploy-cli')`, with the prompts handler's source rewritten as it is compiled. */
export function requireDeployCli(require: NodeJS.Require): unknown {
  const prompts = require.resolve('auth0-deploy-cli/lib/tools/auth0/handlers/prompts.js');
  const loadJs = extensions['.js'];
  if (!loadJs) return require('auth0-deploy-cli');
  extensions['.js'] = (module, file) => {
    if (file !== prompts) return loadJs(module, file);
    module._compile(linearPromptsSchema(readFileSync(file, 'utf8')), file);
  };
  try {
    return require('auth0-deploy-cli');
  } finally {
    extensions['.js'] = loadJs;
  }
}
