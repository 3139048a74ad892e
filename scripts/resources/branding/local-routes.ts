/**
 * The local tenant's /branding, as the recordings show Auth0 answering: the settings read and patched
 * (colours merged key by key), and the Universal Login page template read and replaced (deploy-cli never deletes it). Auth0
 * serves a template only to a tenant with a custom domain, and refuses one without its two tags.
 */
import { copy, type RouteList } from '../../local-tenant/api/common';
import { closedObject, nullable, string } from '../../local-tenant/api/schemas/json';
import { singletonRoutes } from '../../local-tenant/api/singleton';
import { ApiError, badRequest, notFound } from '../../local-tenant/http/errors';
import { ok, type RequestContext } from '../../local-tenant/http/router';
import { isJsonObject, validateBody } from '../../local-tenant/http/validate';
import { MAX_TEMPLATE_CHARACTERS } from './schema';

const READ = 'read:branding';
const UPDATE = 'update:branding';

const SETTINGS = closedObject({
  colors: nullable(closedObject({ primary: nullable(string), page_background: {} })),
  logo_url: nullable(string),
  favicon_url: nullable(string),
  font: nullable(closedObject({ url: nullable(string) })),
});

/** Where the template lives: `branding` is the type's state object. */
function holder({ store }: RequestContext): Record<string, unknown> {
  const branding: unknown = (store.state as unknown as Record<string, unknown>).branding;
  if (!isJsonObject(branding)) throw new Error("the local tenant's state has no branding object");
  return branding;
}

function requireCustomDomain(ctx: RequestContext) {
  const domains: unknown = (ctx.store.state as unknown as Record<string, unknown>).customDomains;
  if (!Array.isArray(domains) || domains.length === 0) {
    throw new ApiError(
      403,
      'The Universal Login page template needs a custom domain: add one first.',
      'operation_not_supported',
    );
  }
}

function readTemplate(ctx: RequestContext) {
  requireCustomDomain(ctx);
  const body = holder(ctx).universalLogin;
  if (typeof body !== 'string') throw notFound('The template does not exist.', 'inexistent_template');
  return ok({ body });
}

function setTemplate(ctx: RequestContext) {
  requireCustomDomain(ctx);
  const { template } = validateBody<{ template: string }>(
    ctx.body,
    closedObject({ template: string }, ['template']),
  );
  if (template.length > MAX_TEMPLATE_CHARACTERS) {
    throw badRequest(`Payload validation error: 'String is too long' on property template.`);
  }
  if (!template.includes('auth0:head') || !template.includes('auth0:widget')) {
    throw badRequest('The template must contain the {%- auth0:head -%} and {%- auth0:widget -%} tags.');
  }
  holder(ctx).universalLogin = template;
  return ok(copy({ body: template }), 201);
}

export const brandingRoutes: RouteList = [
  ...singletonRoutes({
    path: '/branding',
    scopes: { read: READ, update: UPDATE },
    at: 'branding.settings',
    schema: SETTINGS,
    merge: 'deep',
    nullClears: true,
  }),
  { method: 'GET', template: '/branding/templates/universal-login', scope: READ, handler: readTemplate },
  { method: 'PUT', template: '/branding/templates/universal-login', scope: UPDATE, handler: setTemplate },
];
