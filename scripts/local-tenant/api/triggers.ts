import { badRequest, notFound } from '../http/errors';
import { actionsPageOf } from '../http/paging';
import { ok, type RequestContext } from '../http/router';
import { isJsonObject, validateBody } from '../http/validate';
import { newUuid } from '../ids';
import type { ActionRecord, JsonObject, TenantState, TriggerBinding } from '../state/types';
import { copy, nowIso, type RouteList } from './common';
import { array, closedObject } from './schemas/json';

interface Trigger {
  id: string;
  version: string;
  status: 'CURRENT' | 'DEPRECATED';
}

/** The Actions triggers the tenant offers, current versions first (as `GET /actions/triggers` lists them). */
const TRIGGERS: Trigger[] = [
  { id: 'post-login', version: 'v3', status: 'CURRENT' },
  { id: 'post-login', version: 'v2', status: 'DEPRECATED' },
  { id: 'credentials-exchange', version: 'v2', status: 'CURRENT' },
  { id: 'pre-user-registration', version: 'v2', status: 'CURRENT' },
  { id: 'post-user-registration', version: 'v2', status: 'CURRENT' },
  { id: 'post-change-password', version: 'v2', status: 'CURRENT' },
  { id: 'send-phone-message', version: 'v2', status: 'CURRENT' },
  { id: 'password-reset-post-challenge', version: 'v1', status: 'CURRENT' },
  { id: 'custom-phone-provider', version: 'v1', status: 'CURRENT' },
  { id: 'custom-email-provider', version: 'v1', status: 'CURRENT' },
  { id: 'custom-token-exchange', version: 'v1', status: 'CURRENT' },
  { id: 'password-hash-migration', version: 'v1', status: 'CURRENT' },
  { id: 'event-stream', version: 'v1', status: 'CURRENT' },
  { id: 'mcp-tool', version: 'v1', status: 'CURRENT' },
];

export const TRIGGER_IDS = [...new Set(TRIGGERS.map((trigger) => trigger.id))];

function renderTrigger(trigger: Trigger): JsonObject {
  const current = trigger.status === 'CURRENT';
  return {
    id: trigger.id,
    version: trigger.version,
    status: trigger.status,
    runtimes: current ? ['node18-actions', 'node22'] : ['node18', 'node22'],
    default_runtime: current ? 'node22' : 'node16',
    binding_policy: 'trigger-bound',
    compatible_triggers:
      trigger.id === 'post-login' && trigger.version === 'v3' ? [{ id: 'post-login', version: 'v2' }] : [],
  };
}

function knownTrigger(triggerId: string): string {
  if (!TRIGGER_IDS.includes(triggerId)) throw notFound(`Trigger '${triggerId}' does not exist.`, 'not_found');
  return triggerId;
}

export function actionSummary(action: ActionRecord): JsonObject {
  return {
    id: action.id,
    name: action.name,
    supported_triggers: copy(action.supported_triggers),
    created_at: action.created_at,
    updated_at: action.updated_at,
    all_changes_deployed: action.all_changes_deployed,
  };
}

function renderBinding(state: TenantState, binding: TriggerBinding): JsonObject {
  const action = state.actions.find((candidate) => candidate.id === binding.action_id);
  return {
    id: binding.id,
    trigger_id: binding.trigger_id,
    action: action ? actionSummary(action) : { id: binding.action_id },
    created_at: binding.created_at,
    updated_at: binding.updated_at,
    display_name: binding.display_name,
  };
}

function listBindings({ store, params, query }: RequestContext) {
  const triggerId = knownTrigger(params.triggerId ?? '');
  const bindings = (store.state.bindings[triggerId] ?? []).map((binding) =>
    renderBinding(store.state, binding),
  );
  return ok(actionsPageOf(bindings, 'bindings', query));
}

function resolveAction(state: TenantState, ref: unknown, index: number): ActionRecord {
  if (!isJsonObject(ref) || typeof ref.value !== 'string') {
    throw badRequest(
      `Payload validation error: 'Missing required property: ref.value' on property bindings[${index}].`,
    );
  }
  const byName = ref.type === 'action_name';
  if (!byName && ref.type !== 'action_id') {
    throw badRequest(
      `Payload validation error: 'No enum match for: ${JSON.stringify(ref.type)}' on property bindings[${index}].ref.type.`,
    );
  }
  const action = state.actions.find((candidate) => (byName ? candidate.name : candidate.id) === ref.value);
  if (!action)
    throw notFound(`Unable to find an action with ${byName ? 'name' : 'id'} '${ref.value}'.`, 'not_found');
  return action;
}

const BINDINGS = closedObject({ bindings: array }, ['bindings']);

/** Replaces the trigger's bindings with the given list, as a whole and in order. */
function updateBindings({ store, params, body }: RequestContext) {
  const state = store.state;
  const triggerId = knownTrigger(params.triggerId ?? '');
  const fields = validateBody(body, BINDINGS);
  const previous = state.bindings[triggerId] ?? [];
  const at = nowIso();
  const bindings = (fields.bindings as unknown[]).map((item, index): TriggerBinding => {
    if (!isJsonObject(item))
      throw badRequest(`Payload validation error: 'Expected type object' on property bindings[${index}].`);
    const action = resolveAction(state, item.ref, index);
    if (!action.supported_triggers.some((trigger) => trigger.id === triggerId)) {
      throw badRequest(
        `The action '${action.name}' does not support the trigger '${triggerId}'.`,
        'invalid_argument',
      );
    }
    if (action.deployed_version_id === null) {
      throw badRequest(
        `Trying to create a binding for an action that has not been deployed: '${action.name}'.`,
        'invalid_argument',
      );
    }
    const displayName =
      typeof item.display_name === 'string' && item.display_name !== '' ? item.display_name : action.name;
    const kept = previous.find(
      (binding) => binding.action_id === action.id && binding.display_name === displayName,
    );
    return (
      kept ?? {
        id: newUuid(),
        trigger_id: triggerId,
        action_id: action.id,
        display_name: displayName,
        created_at: at,
        updated_at: at,
      }
    );
  });
  state.bindings[triggerId] = bindings;
  return ok({ bindings: bindings.map((binding) => renderBinding(state, binding)) });
}

export const triggerRoutes: RouteList = [
  {
    method: 'GET',
    template: '/actions/triggers',
    scope: 'read:actions',
    handler: () => ok({ triggers: TRIGGERS.map(renderTrigger) }),
  },
  {
    method: 'GET',
    template: '/actions/triggers/:triggerId/bindings',
    scope: 'read:actions',
    handler: listBindings,
  },
  {
    method: 'PATCH',
    template: '/actions/triggers/:triggerId/bindings',
    scope: 'update:actions',
    handler: updateBindings,
  },
];
