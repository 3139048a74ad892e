import { describe, expect, it } from 'vitest';
import { planChanges } from '../plan/plan';

/** Tenant settings as Auth0 answers them, with flags deploy-cli never sends among the others. */
const asRead = {
  tenant: {
    friendly_name: 'Documents',
    session_lifetime_in_minutes: 10080,
    flags: { revoke_refresh_token_grant: false, universal_login: false },
  },
};

describe('tenant settings in the plan', () => {
  it('does not plan a flag deploy-cli drops: an export carries universal_login, no deploy changes it', () => {
    const exported = {
      tenant: {
        friendly_name: 'Documents',
        session_lifetime: 168,
        flags: {
          revoke_refresh_token_grant: false,
          universal_login: true,
          new_universal_login_experience_enabled: true,
        },
      },
    };

    expect(planChanges(exported, asRead).changes).toEqual([]);
  });

  it('still plans a flag deploy-cli sends', () => {
    const desired = { tenant: { flags: { revoke_refresh_token_grant: true, universal_login: true } } };

    expect(planChanges(desired, asRead).changes).toEqual([
      {
        type: 'tenant',
        name: 'tenant',
        action: 'update',
        fields: [{ path: 'flags.revoke_refresh_token_grant', before: false, after: true }],
      },
    ]);
  });
});
