import { triggerRoutes } from '../local-tenant/api/triggers';
import { triggersSchema } from '../tenant/schema/actions';
import { defineResource } from './define';

export const triggers = defineResource({
  key: 'triggers',
  shape: 'map',
  noun: 'trigger',
  calls: '`GET /actions/triggers`, `GET`/`PATCH /actions/triggers/{trigger}/bindings`',
  scopes: { read: ['read:actions'], write: ['update:actions'], remove: [] },
  schema: triggersSchema,
  identity: (trigger) => String(trigger.id),
  references: [{ path: 'bindings.*.action_name', to: 'actions' }],
  compare: {
    ordered: ['bindings'],
    // deploy-cli leaves out triggers with no binding; every trigger exists in Auth0.
    absent: (id) => ({ id, bindings: [] }),
    deletable: false,
  },
  after: ['actions'],
  localState: [{ field: 'bindings', shape: 'object' }],
  localRoutes: () => triggerRoutes,
});
