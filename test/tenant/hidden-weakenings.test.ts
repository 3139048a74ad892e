import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTenant } from '../../scripts/tenant/check';
import { loadTenant } from '../../scripts/tenant/load';
import { copyOurTenant, lineOf, type TenantCopy } from './fixture';

/**
 * Weakenings that hide where a reader (and a naive check) does not look: inside a keyword's list or
 * mapping, behind a placeholder in a URL, in a nested URL field, behind a secret's name.
 */
const PROD = 'environments/prod.yaml';
const copies: TenantCopy[] = [];
afterAll(() => {
  for (const copy of copies) copy.remove();
});

async function prodProblems(edit: (copy: TenantCopy) => void) {
  const copy = copyOurTenant();
  copies.push(copy);
  edit(copy);
  const problems = checkTenant(await loadTenant({ dir: copy.tenantDir, env: 'prod' }));
  const at = (file: string, snippet: string) => ({
    file: path.join(copy.tenantDir, file),
    line: lineOf(copy.read(file), snippet),
  });
  return { problems, at };
}

describe('a literal secret inside a keyword that inserts a whole list or mapping', () => {
  it('is an error for database configuration written as "@@LEGACY_CONFIG@@"', async () => {
    const { problems, at } = await prodProblems((copy) => {
      copy.replace(
        'tenant.yaml',
        '      configuration:\n        LEGACY_API_URL: "##LEGACY_API_URL##"\n        LEGACY_API_TOKEN: "##LEGACY_API_TOKEN##"',
        '      configuration: "@@LEGACY_CONFIG@@"',
      );
      copy.replace(PROD, '  LEGACY_API_URL: https://legacy.example.com/api\n', '');
      copy.replace(PROD, '  LEGACY_API_TOKEN: { env: TENANT_SECRET_LEGACY_API_TOKEN }\n', '');
      copy.replace(
        PROD,
        'keywords:\n',
        'keywords:\n  LEGACY_CONFIG:\n    LEGACY_API_URL: https://legacy.example.com/api\n    LEGACY_API_TOKEN: committed-token-value\n',
      );
    });

    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'secrets/literal-in-keyword',
        severity: 'error',
        ...at(PROD, 'LEGACY_API_TOKEN: committed-token-value'),
      }),
    );
    expect(JSON.stringify(problems)).not.toContain('committed-token-value');
  });

  it('is an error for action secrets written as "@@SYNC_SECRETS@@"', async () => {
    const { problems, at } = await prodProblems((copy) => {
      copy.replace(
        'tenant.yaml',
        '    secrets:\n      - name: USER_SYNC_URL\n        value: "##USER_SYNC_URL##"\n      - name: USER_SYNC_TOKEN\n        value: "##USER_SYNC_TOKEN##"\n      - name: USER_SYNC_TIMEOUT_MS\n        value: "##USER_SYNC_TIMEOUT_MS##"',
        '    secrets: "@@SYNC_SECRETS@@"',
      );
      copy.replace(PROD, '  USER_SYNC_TOKEN: { env: TENANT_SECRET_USER_SYNC_TOKEN }\n', '');
      copy.replace(
        PROD,
        'keywords:\n',
        'keywords:\n  SYNC_SECRETS:\n    - name: USER_SYNC_TOKEN\n      value: committed-token-value\n',
      );
    });

    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'secrets/literal-in-keyword',
        severity: 'error',
        ...at(PROD, 'value: committed-token-value'),
      }),
    );
  });
});

it('a sensitive-named action secret (SIGNING_KEY) may not come from a committed keyword', async () => {
  const { problems, at } = await prodProblems((copy) => {
    copy.replace(
      'tenant.yaml',
      '      - name: CLAIMS_NAMESPACE\n        value: "##CLAIMS_NAMESPACE##"',
      '      - name: CLAIMS_NAMESPACE\n        value: "##CLAIMS_NAMESPACE##"\n      - name: SIGNING_KEY\n        value: "##SIGNING_KEY##"',
    );
    copy.replace(PROD, 'keywords:\n', 'keywords:\n  SIGNING_KEY: committed-key-value\n');
  });

  expect(problems).toContainEqual(
    expect.objectContaining({
      rule: 'secrets/sensitive-keyword',
      ...at('tenant.yaml', 'value: "##SIGNING_KEY##"'),
    }),
  );
});

describe('https-only URLs in production', () => {
  it('checks the scheme of a callback that holds a placeholder after it', async () => {
    const { problems, at } = await prodProblems((copy) =>
      copy.replace(
        'tenant.yaml',
        '    callbacks: "@@SPA_CALLBACK_URLS@@"',
        '    callbacks:\n      - "http://app.example.com/##USER_SYNC_TOKEN##"',
      ),
    );

    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'urls/https-only',
        severity: 'error',
        ...at('tenant.yaml', '"http://app.example.com/##USER_SYNC_TOKEN##"'),
      }),
    );
  });

  it('covers back-channel logout URLs, which receive logout tokens', async () => {
    const { problems, at } = await prodProblems((copy) =>
      copy.replace(
        'tenant.yaml',
        '    web_origins: "@@SPA_WEB_ORIGINS@@"',
        '    web_origins: "@@SPA_WEB_ORIGINS@@"\n    oidc_logout:\n      backchannel_logout_urls:\n        - http://app.example.com/logout',
      ),
    );

    expect(problems).toContainEqual(
      expect.objectContaining({
        rule: 'urls/https-only',
        severity: 'error',
        ...at('tenant.yaml', '- http://app.example.com/logout'),
      }),
    );
  });
});
