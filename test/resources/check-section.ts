import { tenantProblems } from '../tenant/section-errors';

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
  return (await tenantProblems(tenantYaml, PRODUCTION, 'prod', beside))
    .filter(
      (problem) =>
        problem.severity === 'error' && sections.some((section) => problem.path.startsWith(section)),
    )
    .map(({ rule, line, column }) => ({ rule, line, column }));
}
