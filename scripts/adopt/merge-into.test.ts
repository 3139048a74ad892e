import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adoptTenants } from './adopt';
import { checkMerged, mergeIntoRepository } from './merge-into';
import type { TenantExport } from './tenant-export';
import { writeFiles } from './write-files';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** A repository that already holds the tenant's browser app, with a comment a person wrote. */
async function repository(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'adopt-merge-'));
  roots.push(root);
  await mkdir(path.join(root, 'tenant', 'environments'), { recursive: true });
  await writeFile(
    path.join(root, 'tenant', 'tenant.yaml'),
    [
      'clients:',
      '  # Our browser app: public, so PKCE and no secret.',
      '  - name: Web App',
      '    app_type: spa',
      '    callbacks: "@@WEB_CALLBACKS@@"',
      '    token_endpoint_auth_method: none',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(root, 'tenant', 'environments', 'dev.yaml'),
    [
      'tier: development',
      'keywords:',
      '  AUTH0_DOMAIN: example-dev.eu.auth0.com',
      '  WEB_CALLBACKS: [https://app.example.com/callback]',
      '',
    ].join('\n'),
  );
  return root;
}

/** The dev tenant now: the browser app (changed by hand), a new partner app and a role. */
function tenantNow(): TenantExport {
  return {
    env: 'dev',
    domain: 'example-dev.eu.auth0.com',
    label: 'example-dev.eu.auth0.com',
    local: false,
    files: {},
    document: {
      clients: [
        {
          name: 'Web App',
          app_type: 'spa',
          callbacks: ['https://changed.example.com/cb'],
          token_endpoint_auth_method: 'none',
        },
        {
          name: 'Partner Portal',
          app_type: 'regular_web',
          callbacks: ['https://partner.example.com/callback'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      roles: [{ name: 'auditor', description: 'Reads the audit log' }],
    },
  };
}

async function merge(root: string) {
  const options = { root, tenantDir: 'tenant', envs: ['dev'] };
  const fresh = await adoptTenants([tenantNow()], {
    tenantDir: 'tenant',
    repoRoot,
    reservedNames: ['WEB_CALLBACKS'],
  });
  const merged = await mergeIntoRepository(fresh.files, options);
  return { merged, checked: await checkMerged(merged, options) };
}

describe('npm run adopt -- --merge', () => {
  it('adds only the items the repository lacks, keeping what it has and how it is written', async () => {
    const root = await repository();
    const { merged, checked } = await merge(root);
    expect(merged.added).toEqual(['clients[Partner Portal]', 'roles[auditor]']);
    expect(checked.problems).toEqual([]);
    await writeFiles(root, checked.files);

    const text = await readFile(path.join(root, 'tenant', 'tenant.yaml'), 'utf8');
    expect(text).toContain('  # Our browser app: public, so PKCE and no secret.\n  - name: Web App');
    expect(text).toContain('callbacks: "@@WEB_CALLBACKS@@"');
    const tenant = parse(text) as { clients: { name: string }[]; roles: unknown[] };
    expect(tenant.clients.map((client) => client.name)).toEqual(['Web App', 'Partner Portal']);
    expect(tenant.roles).toEqual([{ name: 'auditor', description: 'Reads the audit log' }]);
  });

  it('changes nothing on a second run', async () => {
    const root = await repository();
    await writeFiles(root, (await merge(root)).checked.files);
    const again = await merge(root);
    expect(again.merged.added).toEqual([]);
    expect(again.merged.files.size).toBe(0);
  });
});
