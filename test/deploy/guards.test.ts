/**
 * The commands stop before they do what nobody asked for: a deploy writes only the plan its reviewers
 * approved, an export never overwrites a folder, a tenant whose certificate is not trusted is named as such.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { it, writes } from './local-commands';
import { byHand } from './workspace';

interface Client {
  client_id: string;
  name: string;
}

const clientNames = async (local: Parameters<typeof byHand>[0]) =>
  ((await byHand(local, 'GET', '/api/v2/clients')) as Client[]).map((client) => client.name);

/** The digest a plan printed: `Plan digest: <hex> (deploy exactly this plan with APPROVED_PLAN=<hex>)`. */
function digestIn(stdout: string): string {
  const match = /^Plan digest: ([0-9a-f]{16}) \(deploy exactly this plan with APPROVED_PLAN=\1\)$/m.exec(
    stdout,
  );
  expect(match, stdout).not.toBeNull();
  return match?.[1] ?? '';
}

describe.concurrent('a deploy writes only the plan its reviewers approved', () => {
  it('stops before its first write when a client was swapped by hand after the review, same count or not', async ({
    deployed,
  }) => {
    await byHand(deployed.tenant, 'POST', '/api/v2/clients', {
      name: 'Old App',
      app_type: 'non_interactive',
    });
    const reviewed = await deployed.run('plan', ['--allow-delete']);
    expect(reviewed.stdout).toContain('- clients "Old App"\n');
    const approved = digestIn(reviewed.stdout);

    // After the review, someone removes Old App by hand and adds Billing: still one delete.
    const old = ((await byHand(deployed.tenant, 'GET', '/api/v2/clients')) as Client[]).find(
      (client) => client.name === 'Old App',
    );
    await byHand(deployed.tenant, 'DELETE', `/api/v2/clients/${old?.client_id}`);
    await byHand(deployed.tenant, 'POST', '/api/v2/clients', {
      name: 'Billing',
      app_type: 'non_interactive',
    });
    deployed.tenant.resetRequests();
    const refused = await deployed.run('deploy', ['--allow-delete'], { APPROVED_PLAN: approved });

    expect(refused.stdout).toContain('- clients Billing\n');
    const now = digestIn(refused.stdout);
    expect(refused.stderr).toBe(
      `error: this plan (digest ${now}) is not the approved one (APPROVED_PLAN=${approved}): the tenant or the repository changed since the review; read the plan above, and deploy with APPROVED_PLAN=${now} once it is approved; nothing was changed\n`,
    );
    expect(refused.code).toBe(1);
    expect(writes(deployed.tenant)).toEqual({});
    expect(await clientNames(deployed.tenant)).toContain('Billing');

    // Once the new plan is the one approved, the deploy deletes exactly it.
    const deleted = await deployed.run('deploy', ['--allow-delete'], { APPROVED_PLAN: now });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(writes(deployed.tenant)).toEqual({ 'DELETE /api/v2/clients/:id': 1 });
    expect(await clientNames(deployed.tenant)).not.toContain('Billing');
  }, 180_000);
});

describe.concurrent('an export kept in a folder', () => {
  it('refuses a folder that is not empty, in one line, before anything is read or written', async ({
    deployed,
  }) => {
    const folder = path.join(deployed.workspace.out, '..', 'my-export');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'tenant.yaml'), 'clients: [] # an edit nobody committed\n');
    deployed.tenant.resetRequests();

    const refused = await deployed.run('export', ['--keep', folder]);

    expect(refused.stderr).toBe(
      `error: --keep ${folder} is not empty: the dump would overwrite what is in it; keep the export in a new or empty folder; nothing was written\n`,
    );
    expect(refused.code).toBe(1);
    expect(await readdir(folder)).toEqual(['tenant.yaml']);
    expect(await readFile(path.join(folder, 'tenant.yaml'), 'utf8')).toBe(
      'clients: [] # an edit nobody committed\n',
    );
    expect(deployed.tenant.requests().total).toBe(0);
  }, 120_000);

  it('dumps into a new folder and keeps it', async ({ deployed }) => {
    const folder = path.join(deployed.workspace.out, '..', 'new-export');

    const kept = await deployed.run('export', ['--keep', folder]);

    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stderr).toContain(`the dump is in ${folder}\n`);
    expect(await readdir(folder)).toContain('tenant.yaml');
  }, 120_000);
});

describe.concurrent('a tenant whose certificate is not trusted', () => {
  it('is named as a TLS failure, with the CA file and NODE_EXTRA_CA_CERTS to fix it, in one line', async ({
    local,
  }) => {
    const { NODE_EXTRA_CA_CERTS: _ca, ...withoutCa } = local.tenant.env();

    const result = await local.runWithEnv('plan', local.flags, withoutCa);

    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: TLS verification failed for ${local.tenant.domain} \\((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY): `,
      ),
    );
    expect(result.stderr).toContain(
      "set NODE_EXTRA_CA_CERTS to the local tenant's CA file: ca.pem beside its state file",
    );
    expect(result.stderr).not.toContain('interceptors');
    expect(result.stderr).not.toContain('connection lost');
  }, 120_000);
});
