import { actionRoutes } from '../local-tenant/api/actions';
import { actionsSchema } from '../tenant/schema/actions';
import { byName, defineResource, isRecord } from './define';

export const actions = defineResource({
  key: 'actions',
  shape: 'list',
  noun: 'action',
  identityField: 'name',
  calls:
    '`GET`/`POST /actions/actions`, `PATCH`/`DELETE /actions/actions/{id}`, `POST /actions/actions/{id}/deploy` (create and deploy a version), `GET /actions/modules`',
  scopes: {
    read: ['read:actions'],
    write: ['create:actions', 'update:actions'],
    remove: ['delete:actions'],
  },
  schema: actionsSchema,
  identity: byName,
  // Auth0 returns an Action's secret names, never their values.
  secrets: [{ path: 'secrets.*.value', returned: false, sensitive: 'by-name', label: 'action secret' }],
  carrier: { kind: 'code' },
  codeFields: ['code'],
  compare: {
    normalize: (action) => {
      const { all_changes_deployed: allDeployed, ...rest } = action;
      return rest.deployed === undefined && typeof allDeployed === 'boolean'
        ? { ...rest, deployed: allDeployed }
        : rest;
    },
    // Marketplace actions are installed from Auth0's marketplace; deploy-cli does not manage them either.
    ignore: (action) => isRecord(action.integration),
    deletable: true,
  },
  localState: [{ field: 'actions', shape: 'list' }],
  localRoutes: (options) => actionRoutes({ buildMs: options.actionBuildMs }),
});
