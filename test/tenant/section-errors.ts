import { checkTenant } from '../../scripts/tenant/check';
import { loadTenant } from '../../scripts/tenant/load';
import type { Problem } from '../../scripts/tenant/problem';
import { writeTenantFiles } from './fixture';

/** The environments a test can check with, and the tier each one's file declares. */
export const TIERS = { prod: 'production', dev: 'development', local: 'local' } as const;
export type TestEnvironment = keyof typeof TIERS;

/**
 * Every problem the check finds in a tenant.yaml, with `environmentYaml` as the environment `env`'s file.
 * `beside` holds files tenant.yaml names (a page, a form's body), by their path relative to it.
 */
export async function tenantProblems(
  tenantYaml: string,
  environmentYaml: string,
  env: TestEnvironment = 'prod',
  beside: Record<string, string> = {},
): Promise<Problem[]> {
  const files = writeTenantFiles({
    ...beside,
    'tenant.yaml': tenantYaml,
    [`environments/${env}.yaml`]: environmentYaml,
  });
  try {
    return checkTenant(await loadTenant({ dir: files.tenantDir, env }));
  } finally {
    files.remove();
  }
}

/**
 * The problems the check finds in one section of a tenant.yaml, by default its errors with a production
 * environment file (the strictest rules), as `{ rule, line, column }`: what a resource type's story-like
 * tests assert.
 */
export async function sectionErrors(
  section: string,
  tenantYaml: string,
  environmentYaml: string,
  env: TestEnvironment = 'prod',
  severity: Problem['severity'] = 'error',
  beside: Record<string, string> = {},
) {
  return (await tenantProblems(tenantYaml, environmentYaml, env, beside))
    .filter((problem) => problem.severity === severity && problem.path.startsWith(section))
    .map(({ rule, line, column }) => ({ rule, line, column }));
}
