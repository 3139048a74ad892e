import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linearPromptsSchema } from './deploy-cli-load';

const require = createRequire(import.meta.url);
// lib/index.js first, as the engine loads it (a handler required before it trips over a require cycle).
require('auth0-deploy-cli');
const promptsFile = require.resolve('auth0-deploy-cli/lib/tools/auth0/handlers/prompts.js');

/** deploy-cli's prompts handler compiled from `source`, fresh (not the cached module). */
function promptsModuleFrom(source: string): { schema: unknown } {
  const module = new Module(promptsFile) as Module & {
    _compile(source: string, file: string): void;
    paths: string[];
  };
  module.filename = promptsFile;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(promptsFile),
  );
  module._compile(source, promptsFile);
  return module.exports as { schema: unknown };
}

describe("deploy-cli's prompts handler, as the engine loads it", () => {
  const source = readFileSync(promptsFile, 'utf8');

  it('builds exactly the schema deploy-cli builds', () => {
    const rewritten = linearPromptsSchema(source);
    expect(rewritten).not.toBe(source);
    expect(promptsModuleFrom(rewritten).schema).toEqual(promptsModuleFrom(source).schema);
  });

  it('leaves a source it does not know as it is', () => {
    const other = source.replace('...screenAcc,', '...screenAcc, extra: true,');
    expect(linearPromptsSchema(other)).toBe(other);
  });
});
