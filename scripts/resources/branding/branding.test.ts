import { describe, expect, it } from 'vitest';
import { sectionErrors } from '../../../test/tenant/section-errors';
import { formatPlan } from '../../plan/format';
import { planChanges } from '../../plan/plan';

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
`;

const BRANDING = `customDomains:
  - domain: auth.example.com
    type: auth0_managed_certs
branding:
  logo_url: https://example.com/logo.svg
  colors:
    primary: "#0B5FFF"
    page_background: "#FFFFFF"
  templates:
    - template: universal_login
      body: ./branding/universal_login.html
`;

const TEMPLATE =
  '<!DOCTYPE html>\n<html lang="{{locale}}">\n  <head>{%- auth0:head -%}</head>\n  <body>{%- auth0:widget -%}</body>\n</html>\n';

/** The branding errors of a tenant.yaml (`files['tenant.yaml']`) with the files beside it, prod rules. */
const check = ({ 'tenant.yaml': tenantYaml = '', ...beside }: Record<string, string>) =>
  sectionErrors('branding', tenantYaml, ENVIRONMENT, 'prod', 'error', beside);

// Without the custom domain, to show what the template needs.
const withoutDomain = BRANDING.replace(/customDomains:\n(?: {2}.*\n)+/, '');

describe('branding in the check', () => {
  it('refuses a colour that is not #RGB or #RRGGBB, at its line', async () => {
    const named = withoutDomain
      .replace('primary: "#0B5FFF"', 'primary: blue')
      .replace(/ {2}templates:\n(?: {4}.*\n)+/, '');
    expect(await check({ 'tenant.yaml': named })).toEqual([{ rule: 'schema/value', line: 4, column: 14 }]);
  });

  it('refuses a page template without a custom domain to serve it from', async () => {
    const problems = await check({ 'tenant.yaml': withoutDomain, 'branding/universal_login.html': TEMPLATE });
    expect(problems).toContainEqual({ rule: 'branding/template-needs-custom-domain', line: 7, column: 5 });
  });

  it('refuses a template Auth0 does not have', async () => {
    const other = BRANDING.replace('template: universal_login', 'template: signup');
    const problems = await check({ 'tenant.yaml': other, 'branding/universal_login.html': TEMPLATE });
    expect(problems).toContainEqual({ rule: 'schema/enum', line: 10, column: 17 });
  });
});

describe('branding in the plan', () => {
  const withTemplate = (body: string) => ({
    branding: { colors: { primary: '#0B5FFF' }, templates: [{ template: 'universal_login', body }] },
  });

  it('finds nothing to do when the tenant has the colours and the template declared', () => {
    expect(planChanges(withTemplate(TEMPLATE), withTemplate(TEMPLATE)).changes).toEqual([]);
  });

  it('sums up a changed page template as the lines it adds and removes', () => {
    const changed = TEMPLATE.replace('<body>', '<body class="brand">');
    const plan = planChanges(withTemplate(changed), withTemplate(TEMPLATE));
    const text = formatPlan(plan, 'text', {
      mode: 'plan',
      env: 'prod',
      target: 'example.eu.auth0.com',
      allowDelete: false,
    });
    expect(text).toMatch(/templates\.universal_login: 1 line added, 1 removed/);
    expect(text).not.toContain('auth0:widget');
  });
});
