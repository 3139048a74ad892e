import { describe, expect, it } from 'vitest';
import { readSecretValues } from './secret-values';

describe('readSecretValues', () => {
  it('reads each secret from its environment variable, or from the local file, and lists the unset ones', () => {
    const result = readSecretValues(
      {
        USER_SYNC_TOKEN: { env: 'TENANT_SECRET_USER_SYNC_TOKEN' },
        LEGACY_API_TOKEN: { env: 'TENANT_SECRET_LEGACY_API_TOKEN' },
        GITHUB_CLIENT_SECRET: { env: 'TENANT_SECRET_GITHUB_CLIENT_SECRET' },
        GOOGLE_CLIENT_SECRET: { value: 'local-throwaway' },
      },
      { TENANT_SECRET_USER_SYNC_TOKEN: 'token-1', TENANT_SECRET_GITHUB_CLIENT_SECRET: '' },
    );

    expect(result).toEqual({
      values: { USER_SYNC_TOKEN: 'token-1', GOOGLE_CLIENT_SECRET: 'local-throwaway' },
      missing: [
        { key: 'LEGACY_API_TOKEN', env: 'TENANT_SECRET_LEGACY_API_TOKEN' },
        { key: 'GITHUB_CLIENT_SECRET', env: 'TENANT_SECRET_GITHUB_CLIENT_SECRET' },
      ],
    });
  });
});
