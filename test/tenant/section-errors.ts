import { checkTenant } from '../../scripts/tenant/check';
import { loadTenant } from '../../scripts/tenant/load';
import { writeTenantFiles } from './fixture';

/**
 * The errors the check finds in one section of a tenant.yaml, checked with a production environment
 * file (the strictest rules), as `{ rule, line, column }`: what a resource type's story-like tests assert.
 */
export async function sectionErrors(section: string, tenantYaml: string, prodEnvironment: string) {
  const files = writeTenantFiles({ 'tenant.yaml': tenantYaml, 'environments/prod.yaml': prodEnvironment });
  try {
    const problems = checkTenant(await loadTenant({ dir: files.tenantDir, env: 'prod' }));
    return problems
      .filter((problem) => problem.severity === 'error' && problem.path.startsWith(section))
      .map(({ rule, line, column }) => ({ rule, line, column }));
  } finally {
    files.remove();
  }
}
