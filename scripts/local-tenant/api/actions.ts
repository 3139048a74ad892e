import { moduleReferences } from '../../resources/action-modules/local-routes';
import { ApiError, badRequest, invalidBody } from '../http/errors';
import { actionsPageOf, booleanParam } from '../http/paging';
import { created, noContent, ok, type RequestContext } from '../http/router';
import { isJsonObject, validateBody } from '../http/validate';
import { newUuid } from '../ids';
import type { ActionRecord, ActionVersion, JsonObject, TenantState } from '../state/types';
import { copy, found, nowIso, type RouteList } from './common';
import { ACTION_CREATE, ACTION_UPDATE } from './schemas';
import { actionSummary, TRIGGER_IDS } from './triggers';
import { mergeSecrets } from './write-only-secrets';

export interface ActionOptions {
  /** How long a draft takes to build after a create or an update. */
  buildMs: number;
}

function findAction(state: TenantState, id: string): ActionRecord {
  return found(
    state.actions.find((action) => action.id === id),
    'That action does not exist.',
    'not_found',
  );
}

function findVersion(action: ActionRecord, id: string): ActionVersion {
  return found(
    action.versions.find((version) => version.id === id),
    'That action version does not exist.',
    'not_found',
  );
}

const isBuilt = (action: ActionRecord): boolean => Date.parse(action.built_at) <= Date.now();

function renderVersion(action: ActionRecord, version: ActionVersion): JsonObject {
  return {
    id: version.id,
    code: version.code,
    dependencies: copy(version.dependencies),
    deployed: action.deployed_version_id === version.id,
    number: version.number,
    built_at: version.built_at,
    secrets: copy(version.secrets),
    status: 'built',
    created_at: version.created_at,
    updated_at: version.updated_at,
    runtime: version.runtime,
    supported_triggers: copy(version.supported_triggers),
    ...(version.modules && { modules: copy(version.modules) }),
  };
}

function render(action: ActionRecord): JsonObject {
  const latest = action.versions.at(-1);
  const deployed = action.versions.find((version) => version.id === action.deployed_version_id);
  return {
    ...actionSummary(action),
    code: action.code,
    dependencies: copy(action.dependencies),
    runtime: action.runtime,
    status: isBuilt(action) ? 'built' : 'pending',
    secrets: action.secrets.map(({ name, updated_at }) => ({ name, updated_at })),
    ...(action.modules && { modules: copy(action.modules) }),
    ...(latest && {
      current_version: {
        id: latest.id,
        code: latest.code,
        runtime: latest.runtime,
        status: 'BUILT',
        number: latest.number,
        build_time: latest.built_at,
        created_at: latest.created_at,
        updated_at: latest.updated_at,
      },
    }),
    ...(deployed && { deployed_version: renderVersion(action, deployed) }),
  };
}

/** Checks what the schema does not: trigger ids and secret entries. */
function checkActionFields(fields: JsonObject): void {
  (fields.supported_triggers as unknown[] | undefined)?.forEach((trigger, index) => {
    if (!isJsonObject(trigger) || typeof trigger.id !== 'string' || !TRIGGER_IDS.includes(trigger.id)) {
      throw invalidBody(`'Unknown trigger' on property supported_triggers[${index}].id.`);
    }
  });
  (fields.secrets as unknown[] | undefined)?.forEach((secret, index) => {
    if (!isJsonObject(secret) || typeof secret.name !== 'string' || secret.name === '') {
      throw invalidBody(`'Missing required property: name' on property secrets[${index}].`);
    }
  });
}

function deployDraft(action: ActionRecord, at: string): ActionVersion {
  const version: ActionVersion = {
    id: newUuid(),
    number: action.versions.length + 1,
    code: action.code,
    runtime: action.runtime,
    dependencies: copy(action.dependencies),
    secrets: action.secrets.map(({ name, updated_at }) => ({ name, updated_at })),
    supported_triggers: copy(action.supported_triggers),
    ...(action.modules && { modules: copy(action.modules) }),
    built_at: action.built_at,
    created_at: at,
    updated_at: at,
  };
  action.versions.push(version);
  action.deployed_version_id = version.id;
  action.all_changes_deployed = true;
  return version;
}

export function actionRoutes(options: ActionOptions): RouteList {
  const buildDone = (at: number) => new Date(at + options.buildMs).toISOString();

  function list({ store, query }: RequestContext) {
    const triggerId = query.get('triggerId');
    const name = query.get('actionName');
    const deployed = booleanParam(query, 'deployed');
    const matching = store.state.actions.filter(
      (action) =>
        (triggerId === null || action.supported_triggers.some((trigger) => trigger.id === triggerId)) &&
        (name === null || action.name === name) &&
        (deployed === undefined || (action.deployed_version_id !== null) === deployed),
    );
    return ok(actionsPageOf(matching.map(render), 'actions', query));
  }

  function create({ store, body }: RequestContext) {
    const state = store.state;
    const fields = validateBody(body, ACTION_CREATE);
    checkActionFields(fields);
    const name = String(fields.name);
    if (state.actions.some((action) => action.name === name)) {
      throw new ApiError(409, `An action with the name '${name}' already exists.`, 'already_exists');
    }
    const now = Date.now();
    const at = new Date(now).toISOString();
    const action: ActionRecord = {
      id: newUuid(),
      name,
      supported_triggers: copy(fields.supported_triggers as JsonObject[]),
      code: typeof fields.code === 'string' ? fields.code : '',
      dependencies: copy((fields.dependencies as JsonObject[] | undefined) ?? []),
      runtime: typeof fields.runtime === 'string' ? fields.runtime : 'node22',
      secrets: mergeSecrets([], (fields.secrets as unknown[] | undefined) ?? [], at),
      ...(Array.isArray(fields.modules) && { modules: moduleReferences(state, fields.modules) }),
      created_at: at,
      updated_at: at,
      built_at: fields.deploy === true ? at : buildDone(now),
      versions: [],
      deployed_version_id: null,
      all_changes_deployed: false,
    };
    if (fields.deploy === true) deployDraft(action, at);
    state.actions.push(action);
    return created(render(action));
  }

  function update({ store, params, body }: RequestContext) {
    const state = store.state;
    const action = findAction(state, params.id ?? '');
    const fields = validateBody(body, ACTION_UPDATE);
    checkActionFields(fields);
    if (
      fields.name !== undefined &&
      state.actions.some((other) => other !== action && other.name === fields.name)
    ) {
      throw new ApiError(
        409,
        `An action with the name '${String(fields.name)}' already exists.`,
        'already_exists',
      );
    }
    const now = Date.now();
    const at = new Date(now).toISOString();
    if (typeof fields.name === 'string') action.name = fields.name;
    if (fields.supported_triggers)
      action.supported_triggers = copy(fields.supported_triggers as JsonObject[]);
    if (typeof fields.code === 'string') action.code = fields.code;
    if (fields.dependencies) action.dependencies = copy(fields.dependencies as JsonObject[]);
    if (typeof fields.runtime === 'string') action.runtime = fields.runtime;
    if (fields.secrets) action.secrets = mergeSecrets(action.secrets, fields.secrets as unknown[], at);
    if (Array.isArray(fields.modules)) action.modules = moduleReferences(state, fields.modules);
    // Any change makes a new draft: it builds again, and is not deployed until deployed.
    action.updated_at = at;
    action.built_at = buildDone(now);
    action.all_changes_deployed = false;
    return ok(render(action));
  }

  function remove({ store, params, query }: RequestContext) {
    const state = store.state;
    const action = findAction(state, params.id ?? '');
    const bound = Object.values(state.bindings).some((bindings) =>
      bindings.some((b) => b.action_id === action.id),
    );
    if (bound && booleanParam(query, 'force') !== true) {
      throw badRequest(
        'The action is bound to a trigger; remove the binding first or delete with force=true.',
        'invalid_argument',
      );
    }
    state.actions = state.actions.filter((candidate) => candidate !== action);
    for (const [triggerId, bindings] of Object.entries(state.bindings)) {
      state.bindings[triggerId] = bindings.filter((binding) => binding.action_id !== action.id);
    }
    return noContent();
  }

  function deploy({ store, params }: RequestContext) {
    const action = findAction(store.state, params.id ?? '');
    if (!isBuilt(action)) {
      throw badRequest("A draft must be in the 'built' state before it can be deployed.", 'invalid_argument');
    }
    const version = deployDraft(action, nowIso());
    // Like Auth0, the answer is the new version as it stood when the (asynchronous) deployment was accepted.
    const { built_at: _builtAt, ...answer } = renderVersion(action, version);
    return ok({ ...answer, deployed: false, action: actionSummary(action) });
  }

  /** Deploying an old version makes a new version with its content (a rollback). */
  function deployVersion({ store, params }: RequestContext) {
    const action = findAction(store.state, params.id ?? '');
    const old = findVersion(action, params.versionId ?? '');
    const at = nowIso();
    Object.assign(action, {
      code: old.code,
      runtime: old.runtime,
      dependencies: copy(old.dependencies),
      supported_triggers: copy(old.supported_triggers),
      built_at: at,
    });
    const version = deployDraft(action, at);
    return ok({ ...renderVersion(action, version), action: actionSummary(action) });
  }

  function listVersions({ store, params, query }: RequestContext) {
    const action = findAction(store.state, params.id ?? '');
    const versions = [...action.versions].reverse().map((version) => renderVersion(action, version));
    return ok(actionsPageOf(versions, 'versions', query));
  }

  function getVersion({ store, params }: RequestContext) {
    const action = findAction(store.state, params.id ?? '');
    return ok({
      ...renderVersion(action, findVersion(action, params.versionId ?? '')),
      action: actionSummary(action),
    });
  }

  return [
    { method: 'GET', template: '/actions/actions', scope: 'read:actions', handler: list },
    { method: 'POST', template: '/actions/actions', scope: 'create:actions', handler: create },
    {
      method: 'GET',
      template: '/actions/actions/:id',
      scope: 'read:actions',
      handler: ({ store, params }) => ok(render(findAction(store.state, params.id ?? ''))),
    },
    { method: 'PATCH', template: '/actions/actions/:id', scope: 'update:actions', handler: update },
    { method: 'DELETE', template: '/actions/actions/:id', scope: 'delete:actions', handler: remove },
    { method: 'POST', template: '/actions/actions/:id/deploy', scope: 'create:actions', handler: deploy },
    {
      method: 'GET',
      template: '/actions/actions/:id/versions',
      scope: 'read:actions',
      handler: listVersions,
    },
    {
      method: 'GET',
      template: '/actions/actions/:id/versions/:versionId',
      scope: 'read:actions',
      handler: getVersion,
    },
    {
      method: 'POST',
      template: '/actions/actions/:id/versions/:versionId/deploy',
      scope: 'create:actions',
      handler: deployVersion,
    },
  ];
}
