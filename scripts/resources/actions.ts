import { actionRoutes } from '../local-tenant/api/actions';
import { actionsSchema } from '../tenant/schema/actions';
import { byName, defineResource, isRecord, type Rec } from './define';

/**
 * Auth0 answers an Action's modules with their ids beside the name and version number the file gives
 * (deploy-cli looks the ids up on each deploy): the ids are the tenant's, not configuration.
 */
function withModulesByName(action: Rec): Rec {
  if (!Array.isArray(action.modules)) return action;
  const modules = action.modules.map((reference) =>
    isRecord(reference)
      ? { module_name: reference.module_name, module_version_number: reference.module_version_number }
      : reference,
  );
  return { ...action, modules };
}

export const actions = defineResource({
  key: 'actions',
  shape: 'list',
  noun: 'action',
  identityField: 'name',
  calls:
    '`GET`/`POST /actions/actions`, `PATCH`/`DELETE /actions/actions/{id}`, `POST /actions/actions/{id}/deploy` (create and deploy a version), `GET /actions/modules(/{id}/versions)` (module ids)',
  scopes: {
    read: ['read:actions'],
    write: ['create:actions', 'update:actions'],
    remove: ['delete:actions'],
  },
  schema: actionsSchema,
  identity: byName,
  // An Action runs a published version of each module it names; deploy-cli finds their ids by name.
  references: [{ path: 'modules.*.module_name', to: 'actionModules' }],
  after: ['actionModules'],
  // Auth0 returns an Action's secret names, never their values.
  secrets: [{ path: 'secrets.*.value', returned: false, sensitive: 'by-name', label: 'action secret' }],
  carrier: { kind: 'code' },
  codeFields: ['code'],
  compare: {
    normalize: (action) => {
      const { all_changes_deployed: allDeployed, ...rest } = withModulesByName(action);
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
