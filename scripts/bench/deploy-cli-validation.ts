/**
 * deploy-cli's `validate()` schema step (lib/tools/auth0/index.js): a new ajv per call, its whole schema,
 * the assets. Its own module, so the scale benchmark can run it bundled in a process that has done nothing
 * else, as an `a0deploy import` runs it once per deploy: run again in one process it took 7 s where the
 * first run took 11.5 s, a figure no deploy sees.
 */
import { Ajv, schema } from '../engine/engine-modules';

export function deployCliValidate(assets: Record<string, unknown>): void {
  const ajv = new Ajv({ useDefaults: true, nullable: true });
  if (!ajv.validate(schema, assets)) {
    throw new Error(`deploy-cli's schema refused the generated tenant: ${JSON.stringify(ajv.errors)}`);
  }
}
