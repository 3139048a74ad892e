/**
 * `npm run bench -- build`: how long the check takes on our tenant and on a generated large one (1,000
 * clients, 200 connections), how long auth0-deploy-cli's own schema validation takes on the same inputs
 * (and the ratio), how long the build takes, and each bundle's size.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { buildTenant } from '../bundle/build-tenant';
import { checkTenantWithWaivers } from '../tenant/check';
import { loadTenant } from '../tenant/load';
import { countBySeverity } from '../tenant/problem';
import { resolveKeywords } from '../tenant/resolve';
import { formatBytes, formatMs, printSection, time } from './measure';

const require = createRequire(import.meta.url);
const CLIENTS = 1000;
const CONNECTIONS = 200;

/** Our tenant with 1,000 more clients and 200 more connections, each valid under the policy. */
function writeGeneratedTenant(root: string): string {
  const tenantDir = path.join(root, 'tenant');
  cpSync('tenant', tenantDir, { recursive: true });
  symlinkSync(path.resolve('actions'), path.join(root, 'actions'), 'dir');
  const document = parse(readFileSync(path.join(tenantDir, 'tenant.yaml'), 'utf8')) as Record<
    string,
    unknown[]
  >;
  const clients = Array.from({ length: CLIENTS }, (_, i) => ({
    name: `Generated App ${i + 1}`,
    app_type: 'regular_web',
    is_first_party: true,
    oidc_conformant: true,
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token'],
    callbacks: [`https://app${i + 1}.example.com/callback`],
    allowed_logout_urls: [`https://app${i + 1}.example.com`],
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 3600 },
    refresh_token: {
      rotation_type: 'rotating',
      expiration_type: 'expiring',
      leeway: 0,
      idle_token_lifetime: 2592000,
      infinite_idle_token_lifetime: false,
      token_lifetime: 7776000,
      infinite_token_lifetime: false,
    },
  }));
  const connections = Array.from({ length: CONNECTIONS }, (_, i) => ({
    name: `generated-social-${i + 1}`,
    strategy: 'github',
    enabled_clients: clients.slice(i * 5, i * 5 + 5).map((client) => client.name),
    options: {
      client_id: `generated-${i + 1}`,
      client_secret: '##GITHUB_CLIENT_SECRET##',
      scope: ['user:email'],
    },
  }));
  document.clients = [...(document.clients ?? []), ...clients];
  document.connections = [...(document.connections ?? []), ...connections];
  writeFileSync(path.join(tenantDir, 'tenant.yaml'), stringify(document, { lineWidth: 0 }));
  return tenantDir;
}

async function checkOnce(dir: string) {
  const result = checkTenantWithWaivers(await loadTenant({ dir, env: 'dev' }));
  return countBySeverity(result.problems);
}

/** deploy-cli's Auth0.validate(), as its deploy runs it: a fresh ajv, its full schema, then handler checks. */
async function deployCliValidate(dir: string): Promise<number> {
  const { default: Auth0 } = require('auth0-deploy-cli/lib/tools/auth0') as {
    default: new (
      client: object,
      assets: object,
      config: (key: string) => unknown,
    ) => { validate(): Promise<void> };
  };
  (require('auth0-deploy-cli/lib/logger').default as { level: string }).level = 'error';
  const { tenant } = resolveKeywords(await loadTenant({ dir, env: 'dev' }));
  const auth0 = new Auth0({}, structuredClone(tenant), () => undefined);
  const start = performance.now();
  await auth0.validate();
  return performance.now() - start;
}

export async function bench(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-build-'));
  try {
    const generatedDir = writeGeneratedTenant(root);
    const ours = { label: 'our tenant', dir: 'tenant' };
    const large = { label: `generated (${CLIENTS} clients, ${CONNECTIONS} connections)`, dir: generatedDir };

    const rows: Array<[string, string]> = [];
    for (const input of [ours, large]) {
      const counts = await checkOnce(input.dir);
      const check = await time(() => checkOnce(input.dir), { runs: input === ours ? 20 : 5 });
      // Slow (ajv 6 compiles deploy-cli's whole schema on every validate): one run each.
      const deployCliMs = await deployCliValidate(input.dir);
      rows.push(
        [
          `check, ${input.label}`,
          `${formatMs(check.medianMs)} median (p95 ${formatMs(check.p95Ms)}; ${counts.errors} errors, ${counts.warnings} warnings)`,
        ],
        [`deploy-cli schema validation, ${input.label}`, `${formatMs(deployCliMs)} (1 run)`],
        [`  ratio deploy-cli / check`, `${(deployCliMs / check.medianMs).toFixed(0)}x`],
      );
    }

    const outDir = path.join(root, 'dist-dev');
    mkdirSync(outDir);
    const buildDev = async () => buildTenant(await loadTenant({ dir: 'tenant', env: 'dev' }), { outDir });
    let last = await buildDev();
    const build = await time(
      async () => {
        last = await buildDev();
      },
      { runs: 5 },
    );
    rows.push([
      `build, our tenant (dev, check included)`,
      `${formatMs(build.medianMs)} median (p95 ${formatMs(build.p95Ms)})`,
    ]);
    if (!last.ok) rows.push(['  build result', 'FAILED: run npm run build -- --env dev to see why']);
    for (const file of last.files) {
      const requires = file.packages.length > 0 ? ` (requires ${file.packages.join(', ')})` : '';
      rows.push([`  ${file.path}`, `${formatBytes(file.bytes)}${requires}`]);
    }
    printSection('build: check, deploy-cli validation, bundles', rows);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
