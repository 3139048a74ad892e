import { createRequire } from 'node:module';

/**
 * auth0-deploy-cli 8.44's own validation, for tests that prove it accepts what we write (the tenant as
 * checked, and the built dist/<env>/): its JSON schema compiled as its validate() compiles it, its YAML
 * context, and the lists it enforces.
 */
const require = createRequire(import.meta.url);
const deployCliSchema = require('auth0-deploy-cli/lib/tools/auth0/schema').default as {
  properties: Record<string, object>;
};
// ajv 6 needs some 20 s to compile deploy-cli's prompts schema. Our tenant has no prompts section, so a
// permissive prompts schema validates exactly the same documents, in milliseconds. deploy-cli's own
// validate() (which YAMLContext.loadAssetsFromLocal runs) uses this same schema object.
deployCliSchema.properties.prompts = { type: 'object' };
const DeployCliAjv = require('auth0-deploy-cli/node_modules/ajv') as new (
  options: object,
) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors: unknown };
};
// As deploy-cli's own validate() sets it up; compiled once, its schema is large.
export const validateWithDeployCli = new DeployCliAjv({ useDefaults: true, nullable: true }).compile(
  deployCliSchema,
);
export const constants = require('auth0-deploy-cli/lib/tools/constants').default as {
  ACTIONS_TRIGGERS: string[];
  GUARDIAN_FACTORS: string[];
};
export const { allowedTenantFlags } = require('auth0-deploy-cli/lib/tools/auth0/handlers/tenant') as {
  allowedTenantFlags: string[];
};
export const YAMLContext = require('auth0-deploy-cli/lib/context/yaml').default as new (
  config: object,
  client: object,
) => { loadAssetsFromLocal(): Promise<void>; assets: Record<string, any> };
(require('auth0-deploy-cli/lib/logger').default as { level: string }).level = 'error';
