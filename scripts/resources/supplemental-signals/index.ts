/**
 * Supplemental signals (`supplementalSignals:`): whether Auth0 takes the bot and risk signals Akamai adds
 * as request headers into its attack protection. A settings object, one per tenant. A paid feature:
 * a tenant without it answers 403 "Please upgrade your subscription to enable Akamai Signals.", which
 * deploy-cli's handler swallows; the engine makes that deploy fail, saying so (deploy-cli-fixes.ts).
 */
import { closedObject, type JsonSchema } from '../../tenant/schema/common';
import { defineResource, singletonIdentity } from '../define';
import { supplementalSignalsRoutes } from './local-routes';

const supplementalSignalsSchema: JsonSchema = closedObject(
  {
    akamai_enabled: {
      type: 'boolean',
      description:
        'Whether the Akamai headers on incoming requests are read as signals (needs the paid feature)',
    },
  },
  ['akamai_enabled'],
);

export const supplementalSignals = defineResource({
  key: 'supplementalSignals',
  title: 'supplementalSignals (Akamai signals)',
  shape: 'singleton',
  noun: 'supplemental signals',
  calls: '`GET`/`PATCH /supplemental-signals`',
  scopes: { read: ['read:attack_protection'], write: ['update:attack_protection'], remove: [] },
  schema: supplementalSignalsSchema,
  identity: singletonIdentity('supplementalSignals'),
  compare: { deletable: false },
  localState: [{ field: 'supplementalSignals', shape: 'object' }],
  localRoutes: () => supplementalSignalsRoutes,
});
