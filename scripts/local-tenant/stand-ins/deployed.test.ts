import { describe, expect, it } from 'vitest';
import type { ActionRecord, TenantState } from '../state/types';
import { deployedActionSecrets, legacyConfigurations, pointsAt } from './deployed';

const DOMAIN = '127.0.0.1:9443';

const action = (deployed: boolean, secrets: Record<string, string>) =>
  ({
    name: 'user-sync',
    deployed_version_id: deployed ? 'v1' : null,
    secrets: Object.entries(secrets).map(([name, value]) => ({ name, value, updated_at: '' })),
  }) as unknown as ActionRecord;

describe('what the deployed tenant holds for a stand-in', () => {
  it('knows a URL of this server and path, on any loopback name, with or without a trailing slash', () => {
    expect(pointsAt('https://127.0.0.1:9443/legacy', DOMAIN, '/legacy')).toBe(true);
    expect(pointsAt('https://localhost:9443/legacy/', DOMAIN, '/legacy')).toBe(true);
    expect(pointsAt('https://127.0.0.1:8443/legacy', DOMAIN, '/legacy')).toBe(false);
    expect(pointsAt('http://127.0.0.1:9443/legacy', DOMAIN, '/legacy')).toBe(false);
    expect(pointsAt('https://legacy.example.com:9443/legacy', DOMAIN, '/legacy')).toBe(false);
    expect(pointsAt('https://127.0.0.1:9443/legacy/users', DOMAIN, '/legacy')).toBe(false);
    expect(pointsAt('not a url', DOMAIN, '/legacy')).toBe(false);
  });

  it('reads the configuration of the connections pointing at the store, and no other', () => {
    const here = { LEGACY_API_URL: `https://${DOMAIN}/legacy`, LEGACY_API_TOKEN: 'right' };
    const state = {
      connections: [
        { name: 'legacy-users', options: { configuration: here } },
        { name: 'other', options: { configuration: { LEGACY_API_URL: 'https://legacy.example.com/api' } } },
        { name: 'Username-Password-Authentication', options: {} },
      ],
    } as unknown as TenantState;
    expect(legacyConfigurations(state, DOMAIN, '/legacy')).toEqual([here]);
  });

  it('takes the token secret of deployed Actions whose URL secret points here, never of a draft', () => {
    const url = `https://${DOMAIN}/user-sync`;
    const state = {
      actions: [
        action(true, { USER_SYNC_URL: url, USER_SYNC_TOKEN: 'deployed' }),
        action(false, { USER_SYNC_URL: url, USER_SYNC_TOKEN: 'draft-only' }),
        action(true, { USER_SYNC_URL: 'https://sync.example.com', USER_SYNC_TOKEN: 'elsewhere' }),
        action(true, { USER_SYNC_URL: url, USER_SYNC_TOKEN: '' }),
      ],
    } as unknown as TenantState;
    expect(deployedActionSecrets(state, DOMAIN, '/user-sync', 'USER_SYNC_URL', 'USER_SYNC_TOKEN')).toEqual([
      'deployed',
    ]);
  });
});
