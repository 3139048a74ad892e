import { tenantSettingsRoutes } from '../local-tenant/api/tenant-settings';
import { tenantSettingsSchema } from '../tenant/schema/tenant-settings';
import { defineResource, type Rec, singletonIdentity } from './define';

const SESSION_DURATIONS = [
  'session_lifetime',
  'idle_session_lifetime',
  'ephemeral_session_lifetime',
  'idle_ephemeral_session_lifetime',
];

/** deploy-cli writes session durations in minutes; a dump (and older tenants) give hours. */
function tenantInMinutes(tenant: Rec): Rec {
  const out = { ...tenant };
  for (const field of SESSION_DURATIONS) {
    const hours = out[field];
    if (typeof hours === 'number' && out[`${field}_in_minutes`] === undefined) {
      out[`${field}_in_minutes`] = Math.round(hours * 60);
    }
    delete out[field];
  }
  return out;
}

export const tenant = defineResource({
  key: 'tenant',
  shape: 'singleton',
  noun: 'tenant settings',
  calls: '`GET`/`PATCH /tenants/settings`',
  scopes: { read: ['read:tenant_settings'], write: ['update:tenant_settings'], remove: [] },
  schema: tenantSettingsSchema,
  identity: singletonIdentity('tenant'),
  // The first enabled locale is the tenant's default language: its order is a setting.
  compare: { normalize: tenantInMinutes, ordered: ['enabled_locales'], deletable: false },
  localState: [{ field: 'settings', shape: 'object' }],
  localRoutes: () => tenantSettingsRoutes,
});
