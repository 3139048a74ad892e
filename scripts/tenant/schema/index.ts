import { RESOURCE_TYPES } from '../../resources/index';
import type { JsonSchema } from './common';
import { POLICY_WAIVERS_KEY, waiversSchema } from './waivers';

/**
 * The tenant.yaml sections this repository supports: one per module of the resource registry
 * (scripts/resources/). A section deploy-cli knows but we do not (forms, flows, ...) is an
 * unknown key until someone adds its module there, with the review that deserves.
 */
export const TENANT_SECTIONS: Record<string, { schema: JsonSchema }> = Object.fromEntries(
  RESOURCE_TYPES.map((type) => [type.key, { schema: type.schema }]),
);

export const tenantSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(Object.entries(TENANT_SECTIONS).map(([name, section]) => [name, section.schema])),
    [POLICY_WAIVERS_KEY]: waiversSchema,
  },
};
