import { Document, isScalar, visit } from 'yaml';
import { findPlaceholders } from '../tenant/placeholders';
import { segmentsOf } from '../tenant/source-map';

/** The first line of every built tenant.yaml; also how the build recognises a folder it may replace. */
export const BUILT_MARKER = '# Built by npm run build';

export interface DistTenantInput {
  /** The resolved tenant (keywords substituted, secrets still `##NAME##`), code paths to the bundles. */
  tenant: Record<string, unknown>;
  env: string;
  /** tenant.yaml and the environment file, relative to the project root (for the header). */
  sources: readonly string[];
}

/**
 * The resolved tenant with each code path (JSON pointer -> `./actions/x.js`) pointing at its bundle
 * beside the built tenant.yaml.
 */
export function withCodePaths(
  tenant: Record<string, unknown>,
  codePaths: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const data = structuredClone(tenant);
  for (const [pointer, file] of codePaths) setAt(data, pointer, file);
  return data;
}

/**
 * The tenant.yaml deploy-cli reads from dist/<env>/. Strings that still hold a secret placeholder are
 * double-quoted, so the value deploy-cli pastes into the raw text at deploy time stays one YAML string (a
 * `#` or `: ` in a secret would otherwise end a plain scalar).
 */
export function renderDistTenant({ tenant, env, sources }: DistTenantInput): string {
  const document = new Document(tenant);
  visit(document, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && findPlaceholders(node.value).length > 0) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const header = [
    `${BUILT_MARKER} -- --env ${env} from ${sources.join(' and ')}.`,
    '# Do not edit: change those files and build again. Secrets are still placeholders, which the deploy',
    '# fills from the environment. Code paths are relative to this file.',
  ];
  return `${header.join('\n')}\n${document.toString({ lineWidth: 0 })}`;
}

function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = segmentsOf(pointer);
  const last = segments.pop();
  let node: unknown = root;
  for (const segment of segments) node = (node as Record<string, unknown>)[segment];
  if (last === undefined || node === null || typeof node !== 'object') {
    throw new Error(`no value at ${pointer} in the resolved tenant`);
  }
  (node as Record<string, unknown>)[last] = value;
}
