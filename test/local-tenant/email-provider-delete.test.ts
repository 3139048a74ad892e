/**
 * `emailProvider: {}` deletes the email provider the way every delete happens: listed in the plan, kept
 * without --allow-delete, and with it applied by DELETE /emails/provider (deploy-cli 8.44 itself would
 * only write the provider back as it read it).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { openLocalDeployment, runCli, targetEnv } from '../deploy/workspace';

it('deletes the email provider for emailProvider: {} only with --allow-delete', async () => {
  const local = await openLocalDeployment({ tenantDir: 'test/fixtures/resources/email-provider' });
  const provider = () => {
    local.tenant.saveState();
    return (JSON.parse(readFileSync(local.tenant.stateFile, 'utf8')) as { emailProvider?: object })
      .emailProvider;
  };
  try {
    const env = targetEnv(local.tenant);
    expect((await runCli('deploy', local.flags, env)).code).toBe(0);
    expect(provider()).toMatchObject({ name: 'sendgrid' });
    await local.workspace.edit('tenant.yaml', (text) =>
      text.replace(/^emailProvider:[\s\S]*$/m, 'emailProvider: {}\n'),
    );

    const kept = await runCli('deploy', local.flags, env);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('- emailProvider emailProvider  (kept: needs --allow-delete)');
    expect(provider()).toMatchObject({ name: 'sendgrid' });

    local.tenant.resetRequests();
    const deleted = await runCli('deploy', [...local.flags, '--allow-delete'], env);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/deployed: 0 created, 0 updated, 1 deleted/);
    expect(local.tenant.requests().byRoute['DELETE /api/v2/emails/provider']).toBe(1);
    expect(provider()).toEqual({});
    expect((await runCli('plan', [...local.flags, '--allow-delete'], env)).code).toBe(0);
  } finally {
    await local.close();
  }
}, 180_000);
