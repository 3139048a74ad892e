import { describe, expect, it } from 'vitest';
import type { TenantState } from '../state/types';
import { tenantSecretValues } from './services';

/** What a deploy of our local environment leaves in the state, where secrets are kept (abridged). */
const state = {
  actions: [
    {
      name: 'user-sync',
      secrets: [
        { name: 'USER_SYNC_URL', value: 'https://127.0.0.1:8443/user-sync' },
        { name: 'USER_SYNC_TOKEN', value: 'sync-token-value-1' },
        { name: 'USER_SYNC_TIMEOUT_MS', value: '1000' },
      ],
    },
    {
      name: 'registration-guard',
      secrets: [
        { name: 'BLOCKED_EMAIL_DOMAINS', value: 'mailinator.com' },
        { name: 'BLOCKED_COUNTRIES', value: 'KP' },
      ],
    },
  ],
  clients: [{ name: 'Documents Web', client_secret: 'web-client-secret-2' }],
  connections: [
    {
      name: 'legacy-users',
      options: {
        configuration: {
          LEGACY_API_URL: 'https://127.0.0.1:8443/legacy',
          LEGACY_API_TOKEN: 'legacy-token-3',
        },
      },
    },
  ],
} as unknown as TenantState;

describe('the secret values cut out of log events', () => {
  it('are the credentials, not the settings Auth0 keeps among Action secrets and configuration', () => {
    const values = tenantSecretValues(state);

    expect(values).toEqual(
      expect.arrayContaining(['sync-token-value-1', 'web-client-secret-2', 'legacy-token-3']),
    );
    // Cut from every string, `1000` would mangle log ids and `mailinator.com` the email of a refused sign-up.
    for (const setting of [
      '1000',
      'mailinator.com',
      'KP',
      'https://127.0.0.1:8443/user-sync',
      'https://127.0.0.1:8443/legacy',
    ])
      expect(values).not.toContain(setting);
  });
});
