import { closedObject, type JsonSchema, nonEmptyText, oneOfValues, text } from './common';
import { POLICY_WAIVERS_KEY, waiversSchema } from './waivers';

/**
 * `tenant/environments/<env>.yaml`: the environment's tier (which policy applies), its keyword values, and
 * for each secret the environment variable it is read from at deploy time. Only a `local` tier file may
 * give a secret's value itself (throwaway values for the offline stand-in tenant).
 */
export const TIERS = ['production', 'development', 'local'] as const;
export type Tier = (typeof TIERS)[number];

export const ENV_VAR_NAME = '^[A-Z_][A-Z0-9_]*$';

export const environmentSchema: JsonSchema = closedObject(
  {
    tier: oneOfValues(TIERS),
    description: text,
    keywords: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean', 'array', 'object'] },
    },
    secrets: {
      type: 'object',
      additionalProperties: closedObject({
        env: { type: 'string', pattern: ENV_VAR_NAME },
        value: nonEmptyText,
        description: text,
      }),
    },
    [POLICY_WAIVERS_KEY]: waiversSchema,
  },
  ['tier'],
);
