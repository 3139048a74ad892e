import { connectionsSchema } from '../tenant/schema/connections';
import { connectionType } from './connection-type';
import { defineResource } from './define';

export const connections = defineResource({
  ...connectionType,
  key: 'connections',
  schema: connectionsSchema,
  // Treated as write-only, like every secret we deploy: compared by fingerprint, never by value.
  secrets: [{ path: 'options.client_secret', returned: false, sensitive: 'always' }],
});
