/**
 * What `npm run adopt` reads from each tenant: deploy-cli's export of it (a tenant.yaml and the files it
 * names), made by adopt itself from a tenant, or handed in as a folder (`--from <env>=<folder>`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { bareDomain } from '../engine/choose';
import { isRecord, type Rec } from '../resources/define';
import { parseYamlFile } from '../tenant/yaml-file';
import { UserError } from '../user-error';

export interface TenantExport {
  env: string;
  /** The tenant's domain: values naming it are written with ##AUTH0_DOMAIN##. */
  domain: string;
  /** Where it came from, for the report: a domain, the local tenant, a folder. */
  label: string;
  /** The export's tenant.yaml, parsed. */
  document: Rec;
  /** The text files beside it, by path relative to its folder (`actions/custom-claims/code.js`). */
  files: Record<string, string>;
  /** The client the export was made with: never adopted. */
  deployClientId?: string;
  /** The source is the local stand-in tenant. */
  local: boolean;
}

export class AdoptSourceError extends UserError {}

/** A files of an export larger than this are not text anyone wrote: refused. */
const MAX_FILE_BYTES = 1024 * 1024;

/** An `a0deploy export --format yaml` folder, read whole. */
export function readExportFolder(
  folder: string,
  env: string,
  options: { domain?: string; label?: string; deployClientId?: string; local?: boolean } = {},
): TenantExport {
  const file = path.join(folder, 'tenant.yaml');
  if (!existsSync(file)) {
    throw new AdoptSourceError(
      `${folder} has no tenant.yaml: give the folder \`a0deploy export --format yaml --output_folder <folder>\` wrote`,
    );
  }
  const parsed = parseYamlFile(readFileSync(file, 'utf8'), file);
  const problem = parsed.problems.find((item) => item.severity === 'error');
  if (problem || !isRecord(parsed.data)) {
    throw new AdoptSourceError(
      problem
        ? `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`
        : `${file} is not a mapping of sections`,
    );
  }
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    const relative = path.relative(folder, absolute).split(path.sep).join('/');
    if (relative === 'tenant.yaml' || statSync(absolute).size > MAX_FILE_BYTES) continue;
    files[relative] = readFileSync(absolute, 'utf8');
  }
  const domain = options.domain ?? inferDomain(parsed.data);
  if (!domain) {
    throw new AdoptSourceError(
      `nothing in ${file} names the ${env} tenant's domain: add it to the source, --from ${env}=${folder}@<domain>`,
    );
  }
  return {
    env,
    domain: bareDomain(domain),
    label: options.label ?? `folder ${folder}`,
    document: parsed.data,
    files,
    local: options.local ?? false,
    ...(options.deployClientId ? { deployClientId: options.deployClientId } : {}),
  };
}

/** The domain in the Management API's audience, which every export with a machine client names. */
function inferDomain(document: Rec): string | undefined {
  const grants = Array.isArray(document.clientGrants) ? document.clientGrants : [];
  for (const grant of grants) {
    const audience = isRecord(grant) ? grant.audience : undefined;
    const match = typeof audience === 'string' ? /^https:\/\/([^/]+)\/api\/v2\/?$/.exec(audience) : null;
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** The file an export's field names (`./actions/x/code.js`), as a key of `files`. */
export function exportFileKey(reference: string): string {
  return path.posix.normalize(reference.replace(/\\/g, '/')).replace(/^\.\//, '');
}
