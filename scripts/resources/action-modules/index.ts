/**
 * Action modules (`actionModules:`): JavaScript shared by Actions, which `require('<module name>')` it and
 * name the published version they run in their `modules`. Identified by name, as deploy-cli matches them.
 * A module's code is a file beside tenant.yaml, read as deploy-cli's YAML handler reads it; its secrets
 * are write-only like an Action's (Auth0 answers their names), so their fingerprints ride in the code as
 * an Action's do. Versions, counters and timestamps are Auth0's record of the module, not configuration:
 * `all_changes_published` says whether a deploy that changes the module publishes it, and is no change
 * by itself (after the publishing deploy the two agree; a module published by hand is still the file's).
 */
import { byName, defineResource, type Rec } from '../define';
import { actionModuleRoutes } from './local-routes';
import { actionModulesSchema } from './schema';

/** What Auth0 records about a module rather than what it is configured to be. */
const MODULE_STATE = [
  'id',
  'all_changes_published',
  'actions_using_module_total',
  'latest_version_number',
  'latest_version',
  'created_at',
  'updated_at',
];

function withoutState(module: Rec): Rec {
  const kept = Object.entries(module).filter(([key]) => !MODULE_STATE.includes(key));
  // Auth0 answers a module without dependencies with `[]`, as deploy-cli's export writes it.
  return { dependencies: [], ...Object.fromEntries(kept) };
}

export const actionModules = defineResource({
  key: 'actionModules',
  shape: 'list',
  noun: 'action module',
  identityField: 'name',
  calls:
    '`GET`/`POST /actions/modules`, `PATCH`/`DELETE /actions/modules/{id}`, `POST /actions/modules/{id}/versions` (publish)',
  scopes: {
    read: ['read:actions'],
    write: ['create:actions', 'update:actions'],
    remove: ['delete:actions'],
  },
  schema: actionModulesSchema,
  identity: byName,
  // Auth0 returns a module's secret names, never their values.
  secrets: [
    { path: 'secrets.*.value', returned: false, sensitive: 'by-name', label: 'action module secret' },
  ],
  carrier: { kind: 'code' },
  codeFields: ['code'],
  files: [{ path: 'code', what: 'code' }],
  compare: { normalize: withoutState, deletable: true },
  localState: [{ field: 'actionModules', shape: 'list' }],
  localRoutes: () => actionModuleRoutes,
});
