/**
 * The tenant and environment validators, compiled once per machine, not once per process. Compiling the
 * schemas of every resource type with ajv takes about 0.5 s, which every `npm run check`, plan, deploy
 * and each of the test suite's CLI processes paid before checking a single line. Instead ajv's
 * standalone code for both validators is written at first use to node_modules/.cache/tenant-schema/,
 * named by a hash of the schemas, the options and the ajv version: a changed schema gets a new file, so
 * a stale one is never used. Loading that module takes milliseconds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import { removeEarlierVersions, writeAtomically } from '../../cli/cache-files.mjs';
import type { JsonSchema } from './common';
import { environmentSchema } from './environment';
import { tenantSchema } from './index';
import { splitLargeSubschemas } from './split';

export interface Validators {
  tenant: ValidateFunction;
  environment: ValidateFunction;
}

const require = createRequire(import.meta.url);
// inlineRefs: false keeps each part splitLargeSubschemas moves a function of its own (split.ts says why).
const OPTIONS: Options = {
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  verbose: true,
  inlineRefs: false,
};
const FORMATS = ['date'] as const;

/** An ajv that keeps each validator's source, for standaloneCode. */
function newAjv(): Ajv {
  const ajv = new Ajv({ ...OPTIONS, code: { source: true } });
  addFormats(ajv, [...FORMATS]);
  return ajv;
}

/** The folder of cached validators, beside the packages the generated code requires (ajv's runtime). */
function cacheDir(): string {
  const nodeModules = path.dirname(path.dirname(require.resolve('ajv/package.json')));
  return path.join(nodeModules, '.cache', 'tenant-schema');
}

/** Named by the schema as compiled (split), so a change to the split makes a new file too. */
function cacheKey(tenant: JsonSchema): string {
  const { version } = require('ajv/package.json') as { version: string };
  return createHash('sha256')
    .update(JSON.stringify([version, OPTIONS, FORMATS, tenant, environmentSchema]))
    .digest('hex')
    .slice(0, 24);
}

/** The validators, from the cache when it has them; compiled (and cached for the next process) when not. */
export function loadValidators(): Validators {
  // Split here, not when the module loads: a command that validates nothing does not pay for it.
  const tenant = splitLargeSubschemas(tenantSchema);
  let file: string | undefined;
  try {
    file = path.join(cacheDir(), `validators-${cacheKey(tenant)}.cjs`);
    if (existsSync(file)) return require(file) as Validators;
  } catch {
    // An unreadable cache is no reason to fail a check: compile below.
  }
  const ajv = newAjv();
  ajv.addSchema(tenant, 'tenant').addSchema(environmentSchema, 'environment');
  const code = standaloneCode(ajv, { tenant: 'tenant', environment: 'environment' });
  if (file) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeAtomically(file, code);
      // The validators of earlier schemas: a changed schema made them unreachable, 1.6 MB each.
      removeEarlierVersions(path.dirname(file), path.basename(file), (name) =>
        name.startsWith('validators-'),
      );
      return require(file) as Validators;
    } catch {
      // A read-only node_modules: keep the compiled validators for this process only.
    }
  }
  return {
    tenant: ajv.getSchema('tenant') as ValidateFunction,
    environment: ajv.getSchema('environment') as ValidateFunction,
  };
}
