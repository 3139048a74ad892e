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

/**
 * How many production waves the fleet has: `.github/workflows/deploy.yml` has one pair of jobs (plan, then
 * deploy) per wave, since GitHub Actions cannot make jobs at run time (test/workflows checks they agree).
 */
export const PRODUCTION_WAVES = 3;

export const environmentSchema: JsonSchema = closedObject(
  {
    tier: oneOfValues(TIERS),
    description: text,
    // The fleet (scripts/fleet/): production tenants deploy wave by wave, a failed wave stopping the
    // ones after it; development tenants always deploy first, before every production wave.
    wave: {
      type: 'integer',
      minimum: 1,
      maximum: PRODUCTION_WAVES,
      description: `production only: which of the ${PRODUCTION_WAVES} production waves deploys this tenant (default 1)`,
    },
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
