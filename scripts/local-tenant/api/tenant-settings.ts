import { invalidBody } from '../http/errors';
import { isJsonObject } from '../http/validate';
import type { JsonObject } from '../state/types';
import { copy, type RouteList } from './common';
import { TENANT_SETTINGS_UPDATE } from './schemas';
import { singletonRoutes } from './singleton';

/** Durations the API takes in minutes and returns in hours. */
const MINUTE_FIELDS = {
  session_lifetime_in_minutes: 'session_lifetime',
  idle_session_lifetime_in_minutes: 'idle_session_lifetime',
  ephemeral_session_lifetime_in_minutes: 'ephemeral_session_lifetime',
  idle_ephemeral_session_lifetime_in_minutes: 'idle_ephemeral_session_lifetime',
} as const;

/** Node versions Actions can run on: reported by GET (not stored, not part of a PATCH answer). */
const SANDBOX_VERSIONS_AVAILABLE = ['22', '18'];

/** Settings as a PATCH answers them; `sandbox_versions_available` is left out as Auth0 does. */
function withoutDerived(settings: JsonObject): JsonObject {
  const { sandbox_versions_available: _derived, ...rest } = copy(settings);
  return rest;
}

/** Minutes become the hours they are kept in; named flags merge into the others. */
function prepare(fields: JsonObject, current: JsonObject): JsonObject {
  const stored: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    const hoursField = MINUTE_FIELDS[key as keyof typeof MINUTE_FIELDS];
    if (hoursField) {
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 525600) {
        throw invalidBody(`'Value must be a whole number of minutes from 1 to 525600' on property ${key}.`);
      }
      stored[hoursField] = (value as number) / 60;
    } else if (key === 'flags' && isJsonObject(value)) {
      // A PATCH names the flags it changes and leaves the others.
      stored.flags = { ...(isJsonObject(current.flags) ? current.flags : {}), ...value };
    } else {
      stored[key] = value;
    }
  }
  return stored;
}

export const tenantSettingsRoutes: RouteList = singletonRoutes({
  path: '/tenants/settings',
  scopes: { read: 'read:tenant_settings', update: 'update:tenant_settings' },
  at: 'settings',
  schema: TENANT_SETTINGS_UPDATE,
  nullClears: true,
  prepare,
  render: (settings, method) =>
    method === 'GET'
      ? { ...withoutDerived(settings), sandbox_versions_available: [...SANDBOX_VERSIONS_AVAILABLE] }
      : withoutDerived(settings),
  projection: true,
});
