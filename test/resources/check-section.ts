import { checkTenant } from '../../scripts/tenant/check';
import { loadTenant } from '../../scripts/tenant/load';
import { writeTenantFiles } from '../tenant/fixture';

const PRODUCTION = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
`;

/**
 * The errors the check finds under the given sections of a tenant.yaml, with the prod rules (the rest of
 * a tenant aside): each as its rule and where it points. `beside` holds files tenant.yaml names (a form's
 * body), by their path relative to it.
 */
export async function checkSections(
  tenantYaml: string,
  sections: readonly string[],
  beside: Record<string, string> = {},
) {
  const files = writeTenantFiles({
    ...beside,
    'tenant.yaml': tenantYaml,
    'environments/prod.yaml': PRODUCTION,
  });
  try {
    const problems = checkTenant(await loadTenant({ dir: files.tenantDir, env: 'prod' }));
    return problems
      .filter(
        (problem) =>
          problem.severity === 'error' && sections.some((section) => problem.path.startsWith(section)),
      )
      .map(({ rule, line, column }) => ({ rule, line, column }));
  } finally {
    files.remove();
  }
}
