/**
 * `npm run adopt -- --merge` as a team uses it after the first adoption: someone adds a role in the
 * dashboard; the merge brings only that role into the repository, and the plan is empty again.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { byHand, runCli, startTestTenant, targetEnv } from '../deploy/workspace';
import { adoptEnv, makeAdoptRepository, readOnlyClient } from './adopt-workspace';

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const item of opened.reverse()) await item.close();
});

describe('npm run adopt -- --merge', () => {
  it('adds what the tenant has that the repository lacks, and nothing else', {
    timeout: 300_000,
  }, async () => {
    const tenant = await startTestTenant();
    opened.push(tenant);
    const repo = await makeAdoptRepository();
    opened.push({ close: repo.remove });
    const reader = await readOnlyClient(tenant);
    const env = await adoptEnv({ dev: { tenant, ...reader } });

    const first = await repo.adopt(['--env', 'dev'], env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    repo.commit('adopted');
    const before = await readFile(path.join(repo.root, 'tenant', 'tenant.yaml'), 'utf8');

    await byHand(tenant, 'POST', '/api/v2/roles', { name: 'auditor', description: 'Reads the audit log' });
    const merged = await repo.adopt(['--env', 'dev', '--merge'], env);
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toContain('Added 1: roles[auditor]');
    const after = await readFile(path.join(repo.root, 'tenant', 'tenant.yaml'), 'utf8');
    // The file as it was, with the role after it: nothing of it rewritten.
    expect(after.startsWith(before.trimEnd().replace(/\nroles:[\s\S]*$/, ''))).toBe(true);
    expect(after).toMatch(/- name: auditor\n\s+description: Reads the audit log/);
    repo.commit('merged');

    const again = await repo.adopt(['--env', 'dev', '--merge'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to add');
    expect(repo.status()).toBe('');

    // The client adopt read with is not adopted: once it is deleted, the tenant is what the repository says.
    await byHand(tenant, 'DELETE', `/api/v2/clients/${reader.clientId}`);
    const plan = await runCli(
      'plan',
      ['--env', 'dev', '--dir', path.join(repo.root, 'tenant'), '--out', path.join(repo.root, 'dist', 'dev')],
      targetEnv(tenant),
    );
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/no changes/);
  });
});
