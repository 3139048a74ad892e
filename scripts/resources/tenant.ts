import { tenantSettingsRoutes } from '../local-tenant/api/tenant-settings';
import { DEPLOYED_TENANT_FLAGS, tenantSettingsSchema } from '../tenant/schema/tenant-settings';
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

/**
 * Flags deploy-cli drops with a warning (the check says such a line has no effect): exports carry them
 * (`universal_login`, `new_universal_login_experience_enabled`), and a plan comparing them would promise
 * a change no deploy makes, then find the tenant "still differs" after every deploy.
 */
function withDeployedFlagsOnly(tenant: Rec): Rec {
  const flags = tenant.flags;
  if (flags === null || typeof flags !== 'object' || Array.isArray(flags)) return tenant;
  const deployed = Object.entries(flags).filter(([flag]) => DEPLOYED_TENANT_FLAGS.includes(flag));
  return { ...tenant, flags: Object.fromEntries(deployed) };
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
  compare: {
    normalize: (settings) => withDeployedFlagsOnly(tenantInMinutes(settings)),
    ordered: ['enabled_locales'],
    deletable: false,
  },
  localState: [{ field: 'settings', shape: 'object' }],
  localRoutes: () => tenantSettingsRoutes,
});
