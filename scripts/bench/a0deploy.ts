/**
 * A plain `a0deploy import` of one of our builds, as deploy-cli's README shows it: the built tenant.yaml
 * pointed at another local tenant (only the domain differs), the secrets as keyword mappings in its
 * config file. What the deploy benchmarks compare our deploy with.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot, type Workspace } from '../../test/deploy/workspace';
import type { LocalTenant } from '../local-tenant/local-tenant';

export interface PlainImport {
  run: () => Promise<{ code: number | null }>;
}

/**
 * Prepares the import of `workspace`'s build (made for `built`, after one of our deploys or builds into
 * it) into `plain`. The secrets' values are the `{ value: ... }` ones of its environments/local.yaml.
 */
export async function preparePlainImport(
  workspace: Workspace,
  built: LocalTenant,
  plain: LocalTenant,
): Promise<PlainImport> {
  const input = path.join(workspace.out, 'tenant.yaml');
  const plainInput = path.join(workspace.out, 'tenant-plain.yaml');
  await writeFile(plainInput, (await readFile(input, 'utf8')).split(built.domain).join(plain.domain));
  const local = await readFile(path.join(workspace.dir, 'environments', 'local.yaml'), 'utf8');
  const secrets = (parse(local) as { secrets?: Record<string, { value?: unknown }> }).secrets ?? {};
  const mappings = Object.fromEntries(
    Object.entries(secrets).flatMap(([key, source]) =>
      typeof source.value === 'string' ? [[key, source.value]] : [],
    ),
  );
  const configFile = path.join(workspace.out, 'a0deploy-config.json');
  await writeFile(
    configFile,
    JSON.stringify({
      AUTH0_DOMAIN: plain.domain,
      AUTH0_CLIENT_ID: plain.clientId,
      AUTH0_CLIENT_SECRET: plain.clientSecret,
      AUTH0_KEYWORD_REPLACE_MAPPINGS: mappings,
      AUTH0_ALLOW_DELETE: false,
    }),
  );
  const cli = path.join(repoRoot, 'node_modules', 'auth0-deploy-cli', 'lib', 'index.js');
  return {
    run: () =>
      new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          [cli, 'import', '--input_file', plainInput, '--config_file', configFile],
          { env: { ...process.env, NODE_EXTRA_CA_CERTS: plain.caFile }, stdio: 'ignore' },
        );
        child.on('close', (code) => resolve({ code }));
      }),
  };
}
