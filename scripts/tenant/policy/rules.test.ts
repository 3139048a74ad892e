import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/tenant/fixture';
import { POLICY_RULES, runPolicy } from './index';

function spaWithCallbacks(callbacks: string[]) {
  return {
    clients: [
      {
        name: 'Preview SPA',
        app_type: 'spa',
        grant_types: ['authorization_code', 'refresh_token'],
        callbacks,
        refresh_token: {
          rotation_type: 'rotating',
          expiration_type: 'expiring',
          idle_token_lifetime: 2592000,
          infinite_idle_token_lifetime: false,
          token_lifetime: 7776000,
          infinite_token_lifetime: false,
        },
      },
    ],
  };
}

function findings(
  tenant: Record<string, unknown>,
  tier: 'production' | 'development' | 'local',
  rule: string,
) {
  return runPolicy({ tenant, sources: {}, file: 'tenant.yaml', tier })
    .filter((problem) => problem.rule === rule)
    .map((problem) => [problem.severity, problem.path]);
}

describe('the security policy', () => {
  it('has unique rule ids, each with a summary and a hint', () => {
    expect(new Set(POLICY_RULES.map((rule) => rule.id)).size).toBe(POLICY_RULES.length);
    for (const rule of POLICY_RULES) {
      expect(rule.summary).not.toBe('');
      expect(rule.hint).not.toBe('');
    }
  });

  it('is documented in tenant/README.md with the severities it really has', () => {
    const readme = readFileSync(path.join(repoRoot, 'tenant/README.md'), 'utf8');
    for (const rule of POLICY_RULES) {
      const row = readme
        .split('\n')
        .find((line) => line.replace(/ +/g, ' ').startsWith(`| \`${rule.id}\` |`));
      const cells = row?.split('|').map((cell) => cell.trim());
      expect(cells?.slice(3, 6), rule.id).toEqual([
        rule.severity.production,
        rule.severity.development,
        rule.severity.local,
      ]);
    }
  });

  it('rejects a wildcard callback in production, warns in development, allows it locally', () => {
    const tenant = spaWithCallbacks(['https://*.preview.example.com/callback']);

    expect(findings(tenant, 'production', 'urls/no-wildcards')).toEqual([
      ['error', 'clients[Preview SPA].callbacks[0]'],
    ]);
    expect(findings(tenant, 'development', 'urls/no-wildcards')).toEqual([
      ['warning', 'clients[Preview SPA].callbacks[0]'],
    ]);
    expect(findings(tenant, 'local', 'urls/no-wildcards')).toEqual([]);
  });

  it('allows http://localhost outside production only, and custom schemes for native apps', () => {
    const tenant = spaWithCallbacks([
      'http://localhost:3000/cb',
      'http://127.0.0.1:3000/cb',
      'http://app.example.com/cb',
    ]);
    const native = {
      clients: [
        {
          name: 'Phone',
          app_type: 'native',
          grant_types: ['authorization_code'],
          callbacks: ['com.example.app://callback'],
        },
      ],
    };

    expect(findings(tenant, 'development', 'urls/https-only')).toEqual([
      ['error', 'clients[Preview SPA].callbacks[2]'],
    ]);
    expect(findings(tenant, 'production', 'urls/https-only')).toHaveLength(3);
    expect(findings(native, 'production', 'urls/https-only')).toEqual([]);
  });

  it('counts the risk-based MFA Action bound to post-login as enforcing MFA, but only if it is declared', () => {
    const bound = {
      triggers: { 'post-login': [{ action_name: 'risk-based-mfa' }] },
      guardianFactors: [{ name: 'otp', enabled: true }],
    };

    expect(findings(bound, 'production', 'mfa/enforced')).toEqual([['error', 'guardianPolicies.policies']]);
    expect(
      findings({ ...bound, actions: [{ name: 'risk-based-mfa' }] }, 'production', 'mfa/enforced'),
    ).toEqual([]);
  });

  it('accepts the newer password_options form of history and dictionary', () => {
    const tenant = {
      databases: [
        {
          name: 'db',
          options: {
            passwordPolicy: 'good',
            password_options: { history: { active: true, size: 5 }, dictionary: { active: true } },
          },
        },
      ],
    };

    expect(findings(tenant, 'production', 'passwords/history')).toEqual([]);
    expect(findings(tenant, 'production', 'passwords/dictionary')).toEqual([]);
  });
});
