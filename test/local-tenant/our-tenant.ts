import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { buildTenant } from '../../scripts/bundle';
import { RESOURCE_TYPES } from '../../scripts/resources/index';
import { loadTenant, readSecretValues } from '../../scripts/tenant';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const tenantDir = path.join(repoRoot, 'tenant');

/** The resource types our tenant.yaml manages (its sections): what every engine run here is restricted to. */
export const OUR_TYPES = Object.keys(
  parse(readFileSync(path.join(tenantDir, 'tenant.yaml'), 'utf8')) as Record<string, unknown>,
);

export interface DeployableTenant {
  /** tenant.yaml ready for deploy-cli, code beside it. */
  file: string;
  /** Secret values for AUTH0_KEYWORD_REPLACE_MAPPINGS (the local environment's throwaways). */
  secrets: Record<string, string>;
  /** The document as written (secrets still placeholders). */
  document: Record<string, unknown>;
}

/**
 * What `npm run build -- --env local` writes (our real tenant, Actions and scripts), built into `dir` and
 * pointed at a local tenant listening at `domain`. Tests start their tenant on a free port, while the local
 * environment names the default one, so the domain in the built file (the Management API audience of the
 * backend's grant) is moved to the port in use: nothing else differs from the real build.
 */
export function writeOurTenant(dir: string, domain: string): Promise<DeployableTenant> {
  return writeBuiltTenant({ tenantDir, dir, domain });
}

/** The same for another tenant folder (a fixture tenant of the repository): its local build, in `dir`. */
export async function writeBuiltTenant(options: {
  tenantDir: string;
  dir: string;
  domain: string;
}): Promise<DeployableTenant> {
  const { dir, domain } = options;
  const loaded = await loadTenant({ dir: options.tenantDir, env: 'local' });
  // The repository's lockfile, also for a tenant folder written outside it.
  const built = await buildTenant(loaded, {
    outDir: dir,
    lockfile: path.join(repoRoot, 'package-lock.json'),
  });
  if (!built.ok) {
    const problems = [...built.check.problems, ...built.problems].map((p) => `${p.rule}: ${p.message}`);
    throw new Error(`npm run build -- --env local fails:\n${problems.join('\n')}`);
  }
  const defaultDomain = String(loaded.keywords.AUTH0_DOMAIN);
  const file = path.join(dir, 'tenant.yaml');
  const text = (await readFile(file, 'utf8')).replaceAll(defaultDomain, domain);
  await writeFile(file, text);
  return { file, secrets: readSecretValues(loaded.secrets, {}).values, document: parse(text) };
}

/** The deploy-cli handlers a built tenant needs: one per registry type it has a section of. */
export function typesOf(document: Record<string, unknown>): string[] {
  return RESOURCE_TYPES.filter((type) => type.key in document).map((type) => type.handler);
}
