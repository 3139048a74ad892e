import { invalidBody } from '../http/errors';
import { projectFields } from '../http/paging';
import { ok, type RequestContext } from '../http/router';
import { isJsonObject, validateBody } from '../http/validate';
import type { JsonObject } from '../state/types';
import { copy, type RouteList } from './common';
import { TENANT_SETTINGS_UPDATE } from './schemas';

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

function update({ store, body }: RequestContext) {
  const fields = validateBody(body, TENANT_SETTINGS_UPDATE);
  const settings = store.state.settings;
  for (const [key, value] of Object.entries(copy(fields))) {
    if (key === 'flags') continue;
    const hoursField = MINUTE_FIELDS[key as keyof typeof MINUTE_FIELDS];
    if (hoursField) {
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 525600) {
        throw invalidBody(`'Value must be a whole number of minutes from 1 to 525600' on property ${key}.`);
      }
      settings[hoursField] = (value as number) / 60;
    } else if (value === null) {
      delete settings[key];
    } else {
      settings[key] = value;
    }
  }
  // Flags merge: a PATCH names the flags it changes and leaves the others.
  if (isJsonObject(fields.flags))
    settings.flags = { ...(isJsonObject(settings.flags) ? settings.flags : {}), ...fields.flags };
  return ok(withoutDerived(settings));
}

export const tenantSettingsRoutes: RouteList = [
  {
    method: 'GET',
    template: '/tenants/settings',
    scope: 'read:tenant_settings',
    handler: ({ store, query }) =>
      ok(
        projectFields(
          {
            ...withoutDerived(store.state.settings),
            sandbox_versions_available: [...SANDBOX_VERSIONS_AVAILABLE],
          },
          query,
        ),
      ),
  },
  { method: 'PATCH', template: '/tenants/settings', scope: 'update:tenant_settings', handler: update },
];
