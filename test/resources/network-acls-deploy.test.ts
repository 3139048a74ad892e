/**
 * Network ACLs through the real engine: deploy-cli's handler would match a new rule to any unlisted one
 * with the same `active`, and its deletes look for a client the SDK names otherwise. The engine matches by
 * priority and deletes through the SDK's own client, so what is deployed is what the plan showed.
 */
import { expect, it } from 'vitest';
import type { LocalTenant } from '../../scripts/local-tenant';
import { openLocalDeployment, runCli, targetEnv } from '../deploy/workspace';
import { httpClient } from '../local-tenant/http-client';

const FIXTURE = 'test/fixtures/resources/network-acls';

/** The rules as the local tenant holds them: priority -> description. */
async function rulesOf(tenant: LocalTenant) {
  const client = httpClient(tenant);
  const answer = await client.send('GET', '/api/v2/network-acls', undefined, { token: await client.token() });
  const rules = answer.body as unknown as { priority: number; description: string }[];
  return Object.fromEntries(rules.map((rule) => [rule.priority, rule.description]));
}

it('keeps an unlisted rule without --allow-delete, creates the new one beside it, then deletes it', async () => {
  const local = await openLocalDeployment({ tenantDir: FIXTURE });
  try {
    const env = targetEnv(local.tenant);
    expect((await runCli('deploy', local.flags, env)).code).toBe(0);
    // The second rule gives way to a new one at another priority, with the same `active`.
    await local.workspace.edit('tenant.yaml', (text) =>
      text
        .replace('Log logins from outside the EU', 'Allow the office')
        .replace('priority: 2', 'priority: 3')
        .replace('log: true', 'allow: true'),
    );

    const kept = await runCli('deploy', local.flags, env);
    expect(kept.code, kept.stdout + kept.stderr).toBe(0);
    expect(await rulesOf(local.tenant)).toEqual({
      1: 'Block a known bad network',
      2: 'Log logins from outside the EU',
      3: 'Allow the office',
    });

    const deleted = await runCli('deploy', [...local.flags, '--allow-delete'], env);
    expect(deleted.code, deleted.stdout + deleted.stderr).toBe(0);
    expect(await rulesOf(local.tenant)).toEqual({
      1: 'Block a known bad network',
      3: 'Allow the office',
    });
  } finally {
    await local.close();
  }
}, 180_000);
