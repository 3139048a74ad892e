/**
 * Branding (`branding:`): the logo, favicon, font and colours of the Universal Login pages, and the page
 * template wrapping the login widget, an HTML file beside tenant.yaml. Auth0 serves a template only to a
 * tenant with a custom domain. One settings object per tenant: it cannot be deleted.
 */
import { asArray, asRecord, asString } from '../../tenant/checks/read';
import { EVERYWHERE, type PolicyRule } from '../../tenant/policy/rule';
import { defineResource, type Rec, singletonIdentity } from '../define';
import { brandingRoutes } from './local-routes';
import { brandingSchema } from './schema';

/**
 * The template as one text per template name (`templates.universal_login`), so that the plan compares it,
 * and sums up its changes, as the page it is.
 */
function templatesByName(branding: Rec): Rec {
  if (branding.templates === undefined) return branding;
  const templates = Object.fromEntries(
    asArray(branding.templates).flatMap((entry) => {
      const template = asRecord(entry);
      const name = asString(template?.template);
      return name === undefined ? [] : [[name, template?.body]];
    }),
  );
  return { ...branding, templates };
}

/** Auth0 stores a page template only with a custom domain to serve it from: without one the deploy fails. */
export const templateNeedsCustomDomain: PolicyRule = {
  id: 'branding/template-needs-custom-domain',
  summary: 'a Universal Login page template needs a custom domain',
  hint: 'declare the custom domain the login pages are served from under customDomains:, or remove branding.templates',
  severity: EVERYWHERE,
  check(tenant) {
    const templates = asArray(asRecord(tenant.branding)?.templates);
    if (templates.length === 0 || asArray(tenant.customDomains).length > 0) return [];
    return [
      {
        pointer: '/branding/templates',
        message:
          'branding declares a Universal Login page template, but the tenant file has no custom domain',
        expected: 'a custom domain under customDomains:',
        found: 'none',
      },
    ];
  },
};

export const branding = defineResource({
  key: 'branding',
  shape: 'singleton',
  noun: 'branding',
  calls:
    '`GET`/`PATCH /branding`, `GET`/`PUT /branding/templates/universal-login`, `GET /custom-domains`, `GET`/`PATCH /prompts` (deploy-cli restores the prompt settings a branding write resets)',
  scopes: {
    read: ['read:branding', 'read:custom_domains', 'read:prompts'],
    write: ['update:branding', 'update:prompts'],
    remove: [],
  },
  schema: brandingSchema,
  identity: singletonIdentity('branding'),
  files: [{ path: 'templates.*.body', what: 'page template' }],
  codeFields: ['templates.*'],
  compare: { normalize: templatesByName, deletable: false },
  after: ['customDomains'],
  policy: [templateNeedsCustomDomain],
  localState: [{ field: 'branding', shape: 'object' }],
  localRoutes: () => brandingRoutes,
});
